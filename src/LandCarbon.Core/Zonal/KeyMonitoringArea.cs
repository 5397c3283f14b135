namespace LandCarbon.Core.Zonal;

/// <summary>A key monitoring area: the zone's summary and the criterion that selected it.</summary>
public sealed record KeyMonitoringArea(ZoneSummaryRow Row, string Reason);
