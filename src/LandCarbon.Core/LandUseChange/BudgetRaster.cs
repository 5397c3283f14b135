using LandCarbon.Core.Raster;

namespace LandCarbon.Core.LandUseChange;

/// <summary>What a year's budget raster holds.</summary>
public enum BudgetRasterKind
{
    /// <summary>Carbon budget index per pixel (t C/yr; flux accounting): the budget as is.</summary>
    Cbi,
    /// <summary>Carbon stock per pixel (t C; stock accounting): the change analysis reads the negated stock as the
    /// budget, so ΔCBI is the stock loss (emission &gt; 0).</summary>
    Stock,
}

/// <summary>
/// The raster a year's carbon budget is read from and what it holds, declared by the accounting that wrote it, so
/// no reader has to guess from a file name whether it is a CBI or a stock raster.
/// </summary>
/// <param name="Path">The raster file.</param>
/// <param name="Kind">CBI (t C/yr) or stock (t C).</param>
public sealed record BudgetRaster(string Path, BudgetRasterKind Kind)
{
    /// <summary>A CBI raster (t C/yr per pixel).</summary>
    public static BudgetRaster Cbi(string path) => new(path, BudgetRasterKind.Cbi);

    /// <summary>A stock raster (t C per pixel).</summary>
    public static BudgetRaster Stock(string path) => new(path, BudgetRasterKind.Stock);

    /// <summary>The unit of the pixel values: "t C/yr" or "t C".</summary>
    public string Unit => Kind == BudgetRasterKind.Cbi ? "t C/yr" : "t C";

    /// <summary>Opens the raster as a budget: a CBI raster as is, a stock raster negated.</summary>
    public IRasterReader OpenBudget(Func<string, IRasterReader> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return Kind == BudgetRasterKind.Stock ? new NegatedRaster(open(Path)) : open(Path);
    }

    /// <summary>A float raster read with its sign flipped (stock → "budget" for the stock mode).</summary>
    private sealed class NegatedRaster(IRasterReader inner) : IRasterReader
    {
        public string Path => inner.Path;
        public GridSpec Grid => inner.Grid;
        public RasterDataType DataType => inner.DataType;
        public double? NoData => inner.NoData is double nd ? -nd : null;
        public int BlockWidth => inner.BlockWidth;
        public int BlockHeight => inner.BlockHeight;
        public ColorTable? ColorTable => null;
        public void Dispose() => inner.Dispose();

        public void Read<T>(PixelWindow window, Span<T> destination) where T : unmanaged
        {
            inner.Read(window, destination);
            if (typeof(T) != typeof(float)) throw new NotSupportedException("The stock raster is read as float.");
            var f = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination);
            for (int i = 0; i < f.Length; i++) f[i] = -f[i];
        }
    }
}
