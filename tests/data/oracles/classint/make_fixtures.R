# Oracle fixtures for LandCarbon's increment/reduction space grading (Spaces/FisherJenks, SpaceGrading).
# Run from this folder:  Rscript make_fixtures.R
# Writes values_<set>.csv (value,count: the pixel-weighted distinct values) and breaks.csv
# (set,style,k,index,break): classInt::classIntervals(rep(value, count), n = k, style = ...)$brks.
# Numbers are written with 17 significant digits so that they round-trip to the same doubles.
suppressPackageStartupMessages(library(classInt))
set.seed(20261128)

sets <- list()
# 1. Few distinct values with heavy ties: the case of pure class coefficients (one ΔCBI per transition type).
sets$ties_transitions <- data.frame(
  value = c(0.00189, 0.01998, 0.02277, 0.03798, 0.05796, 0.09594, 0.38142, 0.41922, 0.44100),
  count = c(4200, 310, 95, 1800, 60, 2200, 12500, 900, 41))
# 2. Heavily tied integers-like values with a long tail.
v2 <- sort(unique(round(rlnorm(200, 0, 1), 2)))
sets$ties_lognormal <- data.frame(value = v2, count = as.integer(ceiling(rexp(length(v2), 1 / 30))))
# 3. All distinct (continuous), 1500 values.
v3 <- sort(unique(signif(rgamma(1500, shape = 2, rate = 3), 12)))
sets$distinct_gamma <- data.frame(value = v3, count = rep(1L, length(v3)))
# 4. Exactly five distinct values (one more than the grades).
sets$five_values <- data.frame(value = c(0.5, 1, 2.5, 7, 7.25), count = c(10L, 1L, 30L, 2L, 5L))
# 5. Bimodal with a tie cluster inside each mode.
v5 <- sort(unique(round(c(rnorm(400, 1, 0.1), rnorm(400, 5, 0.5)), 3)))
sets$bimodal_ties <- data.frame(value = v5, count = as.integer(1 + rpois(length(v5), 2)))

fmt <- function(x) sprintf("%.17g", x)
rows <- list()
for (name in names(sets)) {
  d <- sets[[name]]
  write.csv(data.frame(value = fmt(d$value), count = d$count), sprintf("values_%s.csv", name),
            row.names = FALSE, quote = FALSE)
  x <- rep(d$value, d$count)
  for (style in c("fisher", "quantile", "equal")) {
    for (k in c(3L, 4L)) {
      ci <- classIntervals(x, n = k, style = style, warnLargeN = FALSE)
      b <- ci$brks
      rows[[length(rows) + 1]] <- data.frame(set = name, style = style, k = k, index = seq_along(b) - 1L,
                                              brk = fmt(unname(b)))
    }
  }
}
out <- do.call(rbind, rows)
names(out)[5] <- "break"
write.csv(out, "breaks.csv", row.names = FALSE, quote = FALSE)
writeLines(c(
  sprintf("R %s", paste(R.version$major, R.version$minor, sep = ".")),
  sprintf("classInt %s", as.character(packageVersion("classInt"))),
  "Debian packages: r-base-core, r-cran-classint"), "VERSIONS")
