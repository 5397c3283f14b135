# Oracle for the spatial stage's Getis-Ord Gi* on a fishnet with fixed distance-band weights (METHOD-SPEC (i):
# default band 3 km) and Benjamini-Hochberg FDR, from R spdep (Debian r-cran-spdep) and stats::p.adjust.
# usage: Rscript make_gistar_band.R [OUTDIR]   (default: the folder of this script); deterministic (set.seed).
# Writes gistar_band.csv: one row per (case, valid cell): the fishnet geometry, the value, spdep's Gi* z
# (localG with include.self(dnearneigh(centres, 0, band)), binary weights), the two-sided normal p, the
# p.adjust(p, "fdr") value and the ArcGIS Gi_Bin of each. Numbers with 17 significant digits.
suppressMessages(library(spdep))
args <- commandArgs(TRUE)
out <- if (length(args) >= 1) args[1] else {
  f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)); dirname(normalizePath(f)) }
dir.create(out, showWarnings = FALSE, recursive = TRUE)
fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
bin <- function(z, p) sign(z) * ifelse(p < 0.01, 3, ifelse(p < 0.05, 2, ifelse(p < 0.10, 1, 0)))

set.seed(20261202)
cases <- list(
  # 14 x 17 cells of 990 m (33 px of 30 m) with a hot spot, a cold spot, nodata holes and a cell whose
  # neighbours within 3 km are all nodata except none (an island under a 1 km band).
  list(name = "band3000", nr = 14, nc = 17, cell = 990, band = 3000),
  list(name = "band1000", nr = 14, nc = 17, cell = 990, band = 1000),
  list(name = "band1500", nr = 9, nc = 12, cell = 500, band = 1500)
)
rows <- list()
for (k in cases) {
  nr <- k$nr; nc <- k$nc
  v <- matrix(rnorm(nr * nc, sd = 20), nr, nc)
  v[3:5, 3:6] <- v[3:5, 3:6] + 120
  v[nr - 3, nc - 4] <- v[nr - 3, nc - 4] - 150
  v[7:8, 9:11] <- NA
  v[1, nc] <- NA
  v[nr, 1:3] <- NA
  # an isolated valid cell: its 8 queen neighbours are nodata
  if (nr >= 12) { v[10:12, 13:15] <- NA; v[11, 14] <- 35 }
  vals <- as.vector(t(v)); ok <- !is.na(vals)
  row <- rep(0:(nr - 1), each = nc)[ok]; col <- rep(0:(nc - 1), nr)[ok]
  # cell centres of a north-up fishnet with origin (500000, 3400000)
  x <- 500000 + (col + 0.5) * k$cell; y <- 3400000 - (row + 0.5) * k$cell
  nb <- dnearneigh(cbind(x, y), 0, k$band)
  lw <- nb2listw(include.self(nb), style = "B", zero.policy = TRUE)
  z <- as.numeric(localG(vals[ok], lw, zero.policy = TRUE))
  p <- 2 * pnorm(-abs(z))
  padj <- p.adjust(p, "fdr")
  rows[[length(rows) + 1]] <- data.frame(case = k$name, nrow = nr, ncol = nc, cell = k$cell, band = k$band,
    row = row, col = col, value = fmt(vals[ok]), Gstar = fmt(z), p = fmt(p), pFdr = fmt(padj),
    bin = bin(z, p), binFdr = bin(z, padj))
}
write.csv(do.call(rbind, rows), file.path(out, "gistar_band.csv"), row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string, paste("spdep", packageVersion("spdep"))), file.path(out, "VERSIONS_gistar_band"))
