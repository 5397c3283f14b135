# Oracle fixtures for LandCarbon.Core.SpatialStatistics from R spdep (Debian r-cran-spdep).
# usage: Rscript make_fixtures.R [OUTDIR]   (default: the folder of this script)
# Writes the inputs (grids with nodata holes and islands, the Columbus polygons, random points) and spdep's
# results keyed by (case, row, col) for grids and (case, id) for polygons/points. Numbers are printed with 17
# significant digits. Run from anywhere; deterministic (set.seed).
suppressMessages({ library(spdep); library(spData) })
args <- commandArgs(TRUE)
out <- if (length(args) >= 1) args[1] else {
  f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)); dirname(normalizePath(f)) }
dir.create(out, showWarnings = FALSE, recursive = TRUE)
fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
wcsv <- function(df, name) {
  for (k in names(df)) if (is.double(df[[k]])) df[[k]] <- fmt(df[[k]])
  write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
}

# ---- grids: row-major values, NA = nodata ---------------------------------------------------------------
set.seed(20261128)
smooth_grid <- function(nr, nc) {
  base <- matrix(rnorm(nr * nc), nr, nc)
  s <- base
  for (r in 1:nr) for (c in 1:nc) {
    rr <- max(1, r - 1):min(nr, r + 1); cc <- max(1, c - 1):min(nc, c + 1)
    s[r, c] <- mean(base[rr, cc]) * 3 + 0.5 * base[r, c] + 0.2 * r
  }
  s
}
grids <- list()
# "holes": 12 x 15 with a rectangular hole, scattered nodata, a queen island (all 8 around it nodata) and a
# rook-only island (its 4 edge neighbours nodata, diagonals valid).
g <- smooth_grid(12, 15)
g[3:5, 8:11] <- NA
g[10, 2] <- NA; g[1, 15] <- NA; g[7, 4] <- NA
g[8:10, 11:13] <- NA; g[9, 12] <- 4.25                 # queen island at (9,12) (1-based)
g[2, 3] <- NA; g[4, 3] <- NA; g[3, 2] <- NA; g[3, 4] <- NA  # rook island at (3,3)
grids$holes <- g
# "full": 9 x 11 without nodata.
grids$full <- smooth_grid(9, 11)

gv <- do.call(rbind, lapply(names(grids), function(k) {
  m <- grids[[k]]; nr <- nrow(m); nc <- ncol(m)
  data.frame(case = k, nrow = nr, ncol = nc, row = rep(0:(nr - 1), each = nc), col = rep(0:(nc - 1), nr),
             value = as.vector(t(m)))
}))
wcsv(gv, "grid_values.csv")

glob <- list(); loc <- list(); gst <- list(); bvg <- list(); bvl <- list()
add_global <- function(case, weights, style, x, lw) {
  r <- moran.test(x, lw, randomisation = TRUE, zero.policy = TRUE)
  nrm <- moran.test(x, lw, randomisation = FALSE, zero.policy = TRUE)
  wc <- spweights.constants(lw, zero.policy = TRUE)
  glob[[length(glob) + 1]] <<- data.frame(case = case, weights = weights, style = style, n = wc$n,
    I = r$estimate[[1]], expectedI = r$estimate[[2]], varianceNormal = nrm$estimate[[3]],
    varianceRandomization = r$estimate[[3]], zNormal = nrm$statistic[[1]], zRandomization = r$statistic[[1]],
    pNormal = nrm$p.value, pRandomization = r$p.value, S0 = wc$S0, S1 = wc$S1, S2 = wc$S2)
}
add_local <- function(case, weights, style, x, lw, nbs, row, col) {
  lm <- localmoran(x, lw, zero.policy = TRUE)
  loc[[length(loc) + 1]] <<- data.frame(case = case, weights = weights, style = style, row = row, col = col,
    Ii = lm[, 1], E = lm[, 2], Var = lm[, 3], Z = lm[, 4])
  lws <- nb2listw(include.self(nbs), style = style, zero.policy = TRUE)
  G <- localG(x, lws, zero.policy = TRUE)
  gst[[length(gst) + 1]] <<- data.frame(case = case, weights = weights, style = style, row = row, col = col,
    Gstar = as.numeric(G))
}
for (k in names(grids)) {
  m <- grids[[k]]; nr <- nrow(m); nc <- ncol(m)
  v <- as.vector(t(m)); ok <- !is.na(v)
  row <- rep(0:(nr - 1), each = nc)[ok]; col <- rep(0:(nc - 1), nr)[ok]
  for (type in c("queen", "rook")) {
    nb <- subset(cell2nb(nr, nc, type = type), ok)
    for (style in c("W", "B")) {
      lw <- nb2listw(nb, style = style, zero.policy = TRUE)
      add_global(k, type, style, v[ok], lw)
      add_local(k, type, style, v[ok], lw, nb, row, col)
    }
  }
  # bivariate: y = a second smooth field on the same valid cells; only for grids without islands
  if (k == "full") {
    y <- as.vector(t(smooth_grid(nr, nc)))
    wcsv(data.frame(row = rep(0:(nr - 1), each = nc), col = rep(0:(nc - 1), nr), y = y), "grid_full_y.csv")
    lw <- nb2listw(cell2nb(nr, nc, type = "queen"), style = "W")
    bv <- moran_bv(v, y, lw, nsim = 9)
    bvg[[length(bvg) + 1]] <- data.frame(case = k, weights = "queen", style = "W", I = bv$t0)
    lbv <- localmoran_bv(v, y, lw, nsim = 9)
    bvl[[length(bvl) + 1]] <- data.frame(case = k, weights = "queen", style = "W", row = row, col = col, Ibvi = lbv[, 1])
  }
}

# ---- Columbus polygons (spData): an irregular contiguity list from the GAL file ----------------------------
col_nb <- read.gal(system.file("weights/columbus.gal", package = "spData")[1])
data(columbus, package = "spData")
ids <- seq_along(col_nb)
wcsv(data.frame(id = ids - 1L, CRIME = columbus$CRIME, HOVAL = columbus$HOVAL, INC = columbus$INC), "columbus_values.csv")
links <- do.call(rbind, lapply(ids, function(i) if (length(col_nb[[i]]) && col_nb[[i]][1] != 0)
  data.frame(id = i - 1L, neighbour = col_nb[[i]] - 1L)))
wcsv(links, "columbus_nb.csv")
for (style in c("W", "B")) {
  lw <- nb2listw(col_nb, style = style)
  add_global("columbus", "gal", style, columbus$CRIME, lw)
  add_local("columbus", "gal", style, columbus$CRIME, lw, col_nb, ids - 1L, -1L)
}
lw <- nb2listw(col_nb, style = "W")
bvg[[length(bvg) + 1]] <- data.frame(case = "columbus", weights = "gal", style = "W",
  I = moran_bv(columbus$CRIME, columbus$HOVAL, lw, nsim = 9)$t0)
bvl[[length(bvl) + 1]] <- data.frame(case = "columbus", weights = "gal", style = "W", row = ids - 1L, col = -1L,
  Ibvi = localmoran_bv(columbus$CRIME, columbus$HOVAL, lw, nsim = 9)[, 1])

# ---- random points: distance band and k nearest neighbours ------------------------------------------------
set.seed(7)
np <- 200
px <- runif(np, 0, 10000); py <- runif(np, 0, 6000)
pv <- sin(px / 1500) + cos(py / 1200) + rnorm(np, sd = 0.3)
wcsv(data.frame(id = 0:(np - 1), x = px, y = py, value = pv), "points.csv")
coords <- cbind(px, py)
nb_d <- dnearneigh(coords, 0, 900)
nb_k <- knn2nb(knearneigh(coords, k = 5))
dump_nb <- function(nb, name) {
  wcsv(do.call(rbind, lapply(seq_along(nb), function(i) if (length(nb[[i]]) && nb[[i]][1] != 0)
    data.frame(id = i - 1L, neighbour = nb[[i]] - 1L))), name)
}
dump_nb(nb_d, "points_dband900_nb.csv")
dump_nb(nb_k, "points_knn5_nb.csv")
for (style in c("W", "B")) {
  add_global("points_dband900", "dband900", style, pv, nb2listw(nb_d, style = style, zero.policy = TRUE))
  add_global("points_knn5", "knn5", style, pv, nb2listw(nb_k, style = style))
}

wcsv(do.call(rbind, glob), "global_moran.csv")
wcsv(do.call(rbind, loc), "localmoran.csv")
wcsv(do.call(rbind, gst), "localG.csv")
wcsv(do.call(rbind, bvg), "bivariate_moran.csv")
wcsv(do.call(rbind, bvl), "localmoran_bv.csv")
writeLines(c(R.version.string, paste("spdep", packageVersion("spdep")), paste("spData", packageVersion("spData")),
             paste("sf", packageVersion("sf"))), file.path(out, "VERSIONS"))
