# Oracle fixtures for LandCarbon's quantile regression (src/LandCarbon.Core/Regression), made with R quantreg.
# usage (from this folder): Rscript make_fixtures.R
# Writes: engel.csv (the data shipped with quantreg), coefficients.csv, se.csv, rank.csv, boot.csv, anova.csv,
# pseudo_r1.csv, ols.csv, synthetic_check.csv, VERSIONS.
# The synthetic sets are not stored: both R (here) and C# (tests) generate them bit-identically from the
# documented generator below (Park-Miller integers and + - * / only, so every platform rounds the same).
suppressMessages(library(quantreg))
options(digits = 17)
f17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))

# --- Synthetic generator (mirrored by SyntheticQuantileData.cs in the tests) -------------------------------
# Park-Miller minimal standard: s <- 16807 * s mod 2147483647, u = s / 2147483647, from s = seed.
# Per row, ten draws u1..u10 in order:
#   x1 = 4*u1; x2 = 2*(u2+u3+u4) - 3; x3 = floor(5*u5); x4 = u6 - 0.5; e = u7+u8+u9+u10 - 2
#   y  = 1 + 2*x1 - 0.5*x2 + 0.8*x3 + 0.3*x4 + (0.5 + 0.75*x1 + 2*abs(x4)) * e * 3   (heteroscedastic)
synthetic <- function(n, seed) {
  s <- seed
  u <- numeric(10 * n)
  for (k in seq_len(10 * n)) { s <- (16807 * s) %% 2147483647; u[k] <- s / 2147483647 }
  U <- matrix(u, nrow = n, byrow = TRUE)
  x1 <- 4 * U[, 1]
  x2 <- 2 * (U[, 2] + U[, 3] + U[, 4]) - 3
  x3 <- floor(5 * U[, 5])
  x4 <- U[, 6] - 0.5
  e <- U[, 7] + U[, 8] + U[, 9] + U[, 10] - 2
  y <- 1 + 2 * x1 - 0.5 * x2 + 0.8 * x3 + 0.3 * x4 + (0.5 + 0.75 * x1 + 2 * abs(x4)) * e * 3
  data.frame(y = y, x1 = x1, x2 = x2, x3 = x3, x4 = x4)
}

data(engel)
write.csv(data.frame(income = f17(engel$income), foodexp = f17(engel$foodexp)), "engel.csv",
          row.names = FALSE, quote = FALSE)

sets <- list(
  engel = list(d = engel, formula = foodexp ~ income, taus = c(.1, .25, .5, .75, .9), methods = c("br", "fn"),
               se = c("iid", "nid", "ker"), rank_taus = c(.1, .25, .5, .75, .9)),
  syn1e4 = list(d = synthetic(10000, 12345), formula = y ~ x1 + x2 + x3 + x4, taus = c(.1, .5, .9),
                methods = c("br", "fn"), se = c("iid", "nid", "ker"), rank_taus = c(.5)),
  syn1e5 = list(d = synthetic(100000, 54321), formula = y ~ x1 + x2 + x3 + x4, taus = c(.1, .25, .5, .75, .9),
                methods = c("fn"), se = c("iid", "nid", "ker"), rank_taus = numeric(0)))

coefs <- list(); ses <- list(); ranks <- list(); anovas <- list(); r1 <- list(); olss <- list(); checks <- list()
for (name in names(sets)) {
  S <- sets[[name]]
  d <- S$d
  checks[[name]] <- data.frame(dataset = name, n = nrow(d), sum_y = f17(sum(d[[1]])), y1 = f17(d[[1]][1]),
                               ylast = f17(d[[1]][nrow(d)]))
  for (m in S$methods) {
    fits <- lapply(S$taus, function(t) rq(S$formula, tau = t, data = d, method = m))
    for (k in seq_along(S$taus)) {
      f <- fits[[k]]; t <- S$taus[k]
      cf <- coef(f)
      coefs[[length(coefs) + 1]] <- data.frame(dataset = name, method = m, tau = t, term = names(cf), estimate = f17(cf))
      f0 <- rq(update(S$formula, . ~ 1), tau = t, data = d, method = "br")
      r1[[length(r1) + 1]] <- data.frame(dataset = name, method = m, tau = t, pseudoR1 = f17(1 - f$rho / f0$rho))
      for (se in S$se) {
        sm <- summary(f, se = se)$coefficients
        ses[[length(ses) + 1]] <- data.frame(dataset = name, method = m, se = se, tau = t, term = rownames(sm),
          estimate = f17(sm[, 1]), stdError = f17(sm[, 2]), tValue = f17(sm[, 3]), pValue = f17(sm[, 4]))
      }
    }
    if (length(S$taus) > 1) {
      a <- do.call(anova, c(fits, list(test = "Wald", joint = TRUE)))$table
      anovas[[length(anovas) + 1]] <- data.frame(dataset = name, method = m, statistic = f17(a$Tn),
                                                 df1 = a$ndf, df2 = a$ddf, pValue = f17(a$pvalue))
    }
  }
  for (t in S$rank_taus) for (iid in c(TRUE, FALSE)) {
    f <- rq(S$formula, tau = t, data = d, method = "br")
    sm <- summary(f, se = "rank", alpha = 0.05, iid = iid)$coefficients
    ranks[[length(ranks) + 1]] <- data.frame(dataset = name, tau = t, iid = iid, term = rownames(sm),
      estimate = f17(sm[, 1]), lower = f17(sm[, 2]), upper = f17(sm[, 3]))
  }
  o <- summary(lm(S$formula, data = d))$coefficients
  olss[[name]] <- data.frame(dataset = name, term = rownames(o), estimate = f17(o[, 1]), stdError = f17(o[, 2]),
                             tValue = f17(o[, 3]), pValue = f17(o[, 4]))
}
w <- function(lst, file) write.csv(do.call(rbind, lst), file, row.names = FALSE, quote = FALSE)
w(coefs, "coefficients.csv"); w(ses, "se.csv"); w(ranks, "rank.csv"); w(anovas, "anova.csv")
w(r1, "pseudo_r1.csv"); w(olss, "ols.csv"); w(checks, "synthetic_check.csv")

# xy-pair bootstrap: R's RNG cannot be reproduced, so only the distribution is compared (R = 2000 replicates).
set.seed(20240601)
boots <- list()
for (t in c(.25, .5, .75)) {
  f <- rq(foodexp ~ income, tau = t, data = engel)
  sm <- summary(f, se = "boot", R = 2000, bsmethod = "xy")$coefficients
  boots[[length(boots) + 1]] <- data.frame(dataset = "engel", tau = t, term = rownames(sm), replicates = 2000,
                                           estimate = f17(sm[, 1]), stdError = f17(sm[, 2]))
}
w(boots, "boot.csv")

writeLines(c(R.version.string, paste("quantreg", packageVersion("quantreg")),
             paste("SparseM", packageVersion("SparseM")), paste("platform", R.version$platform),
             "Debian package: r-cran-quantreg"), "VERSIONS")
