using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>
/// What the forecasters and the hindcast see: per unit (fishnet cell, row-major on <see cref="Grid"/>) the observed
/// risk index per year of each consecutive interval (the interval's index divided by its length in years, so
/// intervals of different lengths share one scale) (<see cref="Years"/>[j] → <see cref="Years"/>[j + 1]; NaN = nodata) and
/// the driver factors measured at each node year (<see cref="Factors"/>[year][factor][unit]; static factors such as
/// POI densities or slope repeat the same array). <see cref="Past"/> cuts the series at a node year, so a forecast
/// made from it cannot read anything observed later.
/// </summary>
public sealed class UnitSeries
{
    /// <summary>Creates the series; every array has <see cref="GridSpec.PixelCount"/> of <paramref name="grid"/> values.</summary>
    public UnitSeries(GridSpec grid, IReadOnlyList<int> years, IReadOnlyList<double[]> index, IReadOnlyList<string> factorNames,
        IReadOnlyList<IReadOnlyList<double[]>> factors)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(factorNames);
        ArgumentNullException.ThrowIfNull(factors);
        if (years.Count < 1 || index.Count != years.Count - 1)
            throw new ArgumentException($"{years.Count} node years need {Math.Max(0, years.Count - 1)} interval indices, got {index.Count}.", nameof(index));
        for (int i = 1; i < years.Count; i++)
            if (years[i] <= years[i - 1]) throw new ArgumentException("Node years must increase.", nameof(years));
        if (factors.Count != years.Count) throw new ArgumentException($"Factors are needed at each of the {years.Count} node years.", nameof(factors));
        long n = grid.PixelCount;
        foreach (var a in index)
            if (a.LongLength != n) throw new ArgumentException("An index array does not fill the grid.", nameof(index));
        foreach (var y in factors)
        {
            if (y.Count != factorNames.Count) throw new ArgumentException("Every node year needs every factor.", nameof(factors));
            foreach (var a in y)
                if (a.LongLength != n) throw new ArgumentException("A factor array does not fill the grid.", nameof(factors));
        }
        Grid = grid;
        Years = [.. years];
        Index = [.. index];
        FactorNames = [.. factorNames];
        Factors = [.. factors];
    }

    /// <summary>The unit grid (fishnet cells).</summary>
    public GridSpec Grid { get; }

    /// <summary>Node years, increasing.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>Observed index per year of interval j (Years[j] → Years[j + 1]), per unit.</summary>
    public IReadOnlyList<double[]> Index { get; }

    /// <summary>Names of the driver factors.</summary>
    public IReadOnlyList<string> FactorNames { get; }

    /// <summary>Driver factors per node year, per factor, per unit.</summary>
    public IReadOnlyList<IReadOnlyList<double[]>> Factors { get; }

    /// <summary>Number of units.</summary>
    public int UnitCount => checked((int)Grid.PixelCount);

    /// <summary>Number of observed intervals.</summary>
    public int IntervalCount => Index.Count;

    /// <summary>The key of interval j, e.g. "2010_2013".</summary>
    public string IntervalKey(int j) => $"{Years[j]}_{Years[j + 1]}";

    /// <summary>Length in years of interval j.</summary>
    public int IntervalYears(int j) => Years[j + 1] - Years[j];

    /// <summary>
    /// The series as known at node year Years[<paramref name="k"/>]: the intervals before it and the factors of the
    /// node years up to it. Nothing of interval k or later is reachable from the result.
    /// </summary>
    public UnitSeries Past(int k)
    {
        if (k < 0 || k >= Years.Count) throw new ArgumentOutOfRangeException(nameof(k));
        return new UnitSeries(Grid, Years.Take(k + 1).ToList(), Index.Take(k).ToList(), FactorNames, Factors.Take(k + 1).ToList());
    }
}
