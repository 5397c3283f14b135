# Oracle for ConfusionMatrix.WeightedKappa: linearly weighted kappa of the matrices of make_fixtures.R, computed
# independently of the C# agreement-weight formula: each matrix is expanded into N (predicted, observed) rating
# pairs, and kappa_w = 1 - sum(v * O) / sum(v * E) with linear DISagreement weights v_ij = |i - j| (Cohen 1968;
# Fleiss, Cohen & Everitt 1969), O the observed pair proportions and E the outer product of the two raters'
# marginal proportions over all L levels (empty levels included). Also Cohen's unweighted kappa from the same
# pairs (v_ij = 1 for i != j), which must equal accuracy.csv. Run: Rscript weighted_kappa.R
kw <- function(pred, obs, L, v) {
  O <- table(factor(pred, levels = 1:L), factor(obs, levels = 1:L)) / length(pred)
  E <- outer(rowSums(O), colSums(O))
  1 - sum(v * O) / sum(v * E)
}
out <- data.frame()
for (name in c("m49", "m4", "m5skew")) {
  m <- as.matrix(read.csv(paste0(name, "_counts.csv"), header = FALSE))
  L <- nrow(m)
  idx <- which(m > 0, arr.ind = TRUE)
  pred <- rep(idx[, 1], m[idx]); obs <- rep(idx[, 2], m[idx])
  lin <- abs(outer(1:L, 1:L, "-"))
  nom <- 1 * (lin > 0)
  out <- rbind(out, data.frame(matrix = name, n = length(pred), weightedKappa = kw(pred, obs, L, lin),
                               kappa = kw(pred, obs, L, nom)))
}
write.csv(format(out, digits = 17), "weighted_kappa.csv", row.names = FALSE, quote = FALSE)
