# Peer for the pfn pair of benchmarks/scripts/qr.sh: R quantreg rq(method = "pfn") (Portnoy–Koenker
# preprocessing + Frisch–Newton) on the same table. usage: Rscript quantreg_pfn.R CSV [OUTFILE]
# Prints BENCH_INPROC_S=<seconds of the fit> on stderr; coefficients go to OUTFILE if given.
suppressMessages({ library(quantreg); library(data.table) })
a <- commandArgs(TRUE)
d <- as.data.frame(fread(a[1], showProgress = FALSE))
taus <- c(.1, .25, .5, .75, .9)
set.seed(1)
# rq() with a vector of taus cannot use pfn (rq.fit.pfn returns no residuals): one fit per tau, timed together.
t_fit <- system.time(cf <- sapply(taus, function(t) coef(rq(y ~ ., tau = t, data = d, method = "pfn"))))[["elapsed"]]
message(sprintf("BENCH_INPROC_S=%.3f n=%d method=pfn", t_fit, nrow(d)))
out <- data.frame(tau = rep(taus, each = nrow(cf)), term = rep(rownames(cf), length(taus)), coef = as.vector(cf))
if (length(a) >= 2) write.csv(out, a[2], row.names = FALSE)
