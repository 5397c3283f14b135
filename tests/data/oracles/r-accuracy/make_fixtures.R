# Oracle fixtures for Risk/ConfusionMatrix: overall accuracy, Cohen's kappa, producer's and user's accuracy,
# hit and false-alarm rates of hand-built confusion matrices, computed in base R from the textbook formulas.
# Rows = predicted level, columns = observed level. Run: Rscript make_fixtures.R
mats <- list(
  # 43 of 49 correct (the paper's 87.76 %)
  m49 = matrix(c(10, 1, 0, 0, 0,
                  1, 9, 1, 0, 0,
                  0, 1, 8, 0, 0,
                  0, 0, 1, 9, 0,
                  0, 0, 0, 1, 7), nrow = 5, byrow = TRUE),
  # Congalton & Green style 4-level example
  m4 = matrix(c(65, 4, 22, 24,
                 6, 81, 5, 8,
                 0, 11, 85, 19,
                 4, 7, 3, 90), nrow = 4, byrow = TRUE),
  # skewed 5-level example with an empty observed class
  m5skew = matrix(c(300, 40, 10, 2, 0,
                     20, 120, 30, 5, 0,
                     5, 25, 60, 10, 0,
                     1, 3, 12, 20, 0,
                     0, 1, 2, 4, 0), nrow = 5, byrow = TRUE)
)
out <- data.frame()
cells <- data.frame()
for (name in names(mats)) {
  m <- mats[[name]]
  L <- nrow(m); N <- sum(m)
  oa <- sum(diag(m)) / N
  pe <- sum(rowSums(m) * colSums(m)) / N^2
  kappa <- (oa - pe) / (1 - pe)
  h <- if (L >= 4) L - 1 else L
  tp <- sum(m[h:L, h:L]); fn <- sum(m[1:(h - 1), h:L]); fp <- sum(m[h:L, 1:(h - 1)])
  out <- rbind(out, data.frame(matrix = name, levels = L, n = N, overallAccuracy = oa, kappa = kappa,
                               hitRate = tp / (tp + fn), falseAlarmRate = fp / (tp + fp)))
  for (k in 1:L) {
    pa <- if (sum(m[, k]) == 0) NA else m[k, k] / sum(m[, k])
    ua <- if (sum(m[k, ]) == 0) NA else m[k, k] / sum(m[k, ])
    cells <- rbind(cells, data.frame(matrix = name, level = k, producersAccuracy = pa, usersAccuracy = ua))
  }
  write.table(m, paste0(name, "_counts.csv"), sep = ",", row.names = FALSE, col.names = FALSE)
}
write.csv(format(out, digits = 17), "accuracy.csv", row.names = FALSE, quote = FALSE)
write.csv(format(cells, digits = 17), "per_level.csv", row.names = FALSE, quote = FALSE, na = "")
writeLines(R.version.string, "VERSIONS")
