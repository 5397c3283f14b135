using LandCarbon.Core.Regression;
using static LandCarbon.Core.Tests.Regression.QuantregFixtures;

namespace LandCarbon.Core.Tests.Regression;

/// <summary>Re-runs R quantreg now (skips without Rscript) on engel and a fresh synthetic set, and compares.</summary>
public class QuantregLiveTests
{
    [Fact]
    public void MatchesQuantregRunNow()
    {
        string rscript = TestData.RequireTool("Rscript");
        string dir = TestData.TempDir();
        var (cols, names, y) = Synthetic(3000, 777);
        using (var w = new StreamWriter(Path.Combine(dir, "d.csv")))
        {
            w.WriteLine("y,x1,x2,x3,x4");
            for (int i = 0; i < y.Length; i++)
                w.WriteLine(FormattableString.Invariant($"{y[i]:R},{cols[0][i]:R},{cols[1][i]:R},{cols[2][i]:R},{cols[3][i]:R}"));
        }
        string script = Path.Combine(dir, "live.R");
        File.WriteAllText(script, """
            suppressMessages(library(quantreg))
            d <- read.csv("d.csv")
            taus <- c(.2, .5, .8)
            fits <- lapply(taus, function(t) rq(y ~ x1 + x2 + x3 + x4, tau = t, data = d))
            out <- NULL
            for (k in seq_along(taus)) {
              s <- summary(fits[[k]], se = "nid")$coefficients
              r <- summary(fits[[k]], se = "rank", alpha = 0.05)$coefficients
              out <- rbind(out, data.frame(tau = taus[k], term = rownames(s), est = s[, 1], se = s[, 2], lo = r[, 2], hi = r[, 3]))
            }
            a <- do.call(anova, c(fits, list(test = "Wald", joint = TRUE)))$table
            out <- rbind(out, data.frame(tau = 0, term = "anova", est = a$Tn, se = 0, lo = 0, hi = 0))
            write.csv(out, "out.csv", row.names = FALSE)
            """);
        var psi = new System.Diagnostics.ProcessStartInfo(rscript, ["live.R"]) { WorkingDirectory = dir, RedirectStandardError = true };
        using (var p = System.Diagnostics.Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, err);
        }
        var rows = File.ReadAllLines(Path.Combine(dir, "out.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        double D(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var nid = QuantileRegression.Fit(cols, names, y, [0.2, 0.5, 0.8], new QuantileRegressionOptions { Inference = QuantileInference.Nid });
        var rank = QuantileRegression.Fit(cols, names, y, [0.2, 0.5, 0.8], new QuantileRegressionOptions { Inference = QuantileInference.Rank });
        foreach (var r in rows)
        {
            string term = r[1].Trim('"');
            if (term == "anova")
            {
                Close(D(r[2]), nid.SlopeEquality!.Statistic, 1e-4, "slope-equality F");
                continue;
            }
            double tau = D(r[0]);
            var c = nid.Fits.Single(f => f.Tau == tau).Coefficients.Single(x => x.Term == term);
            var k = rank.Fits.Single(f => f.Tau == tau).Coefficients.Single(x => x.Term == term);
            Close(D(r[2]), c.Estimate, 1e-6, $"tau={tau} {term} estimate");
            Close(D(r[3]), c.StdError, 1e-4, $"tau={tau} {term} nid se");
            Close(D(r[4]), k.CiLower, 1e-4, $"tau={tau} {term} rank lower");
            Close(D(r[5]), k.CiUpper, 1e-4, $"tau={tau} {term} rank upper");
        }
    }
}
