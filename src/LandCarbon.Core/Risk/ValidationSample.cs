namespace LandCarbon.Core.Risk;

/// <summary>One validation unit: a pixel (column, row of the study grid) with its observed level (1…L).</summary>
public readonly record struct ValidationSample(int Col, int Row, byte ObservedLevel);
