#!/usr/bin/env python3
"""Point-query oracle for `landcarbon serve` (issue 19): /api/point against GDAL (Debian GDAL 3.6.2, python3-gdal).

Draws N seeded random WGS84 points over the first layer's bounds widened by a margin on every side (so some fall off
the data), asks the server's /api/point for each, and compares every layer with what GDAL reads:
- value: `gdallocationinfo -valonly -wgs84 FILE` (the issue's oracle). Off the raster (empty line), at nodata or NaN
  the API must answer null. Float32 rasters: GDAL's decimal (%.15g of the float) and the API's number must be the
  same float32 and the API's number must be that float32 exactly (so both print the same shortest decimal);
  integer rasters: the same integer.
- class (categorical layers): the API's class value is GDAL's value, its colour is the file's GDAL colour-table entry
  for that value (when the file has a colour table), its names are the /api/layers legend entry for that value, and
  for land-use rasters the names are those of the study class (run.json study.classes.styles) whose colour is that
  colour-table entry. Null values have no class.
- zone: with OGR (GEOS), the first feature of the run's zone layer (run.json study.risk.zonesFile, CRS zoneCrs,
  vertices projected to the land-use grid's CRS) that holds the centre of the land-use pixel under the point, the
  rule of the zonal summary; its id (zoneIdField, else the first of adcode/id/code/ADCODE/ID/CODE) and name
  (name/NAME/Name/county/COUNTY); the API's summary is the tables/zonal_summary.csv row of that id (every column)
  and keyMonitoringArea is non-null exactly when the id is in tables/key_monitoring_areas.csv. Off the grid or
  outside every zone the API's zone is null.

Usage: point_check.py URL RUN_DIR [--points 100] [--seed 19] [--margin 0.05]
Prints one JSON document: counts and every mismatch (an empty "mismatches" list = pass).
"""
import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import urllib.parse
import urllib.request

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()

ID_FIELDS = ["adcode", "id", "code", "ADCODE", "ID", "CODE"]
NAME_FIELDS = ["name", "NAME", "Name", "county", "COUNTY"]


def get_json(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.load(r)


def srs_of(text):
    s = osr.SpatialReference()
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    t = text.strip()
    if t.lower() in ("wgs84", "wgs 84", "epsg:4326"):
        s.ImportFromEPSG(4326)
    else:
        s.SetFromUserInput(t)
    return s


def band_facts(path):
    ds = gdal.Open(path)
    b = ds.GetRasterBand(1)
    signed = b.DataType == gdal.GDT_Byte and b.GetMetadataItem("PIXELTYPE", "IMAGE_STRUCTURE") == "SIGNEDBYTE"
    nodata = b.GetNoDataValue()
    if signed and nodata is not None and nodata > 127:
        nodata -= 256
    ct = b.GetColorTable()
    colours = None
    if ct is not None:
        colours = {i: "#%02X%02X%02X" % ct.GetColorEntry(i)[:3] for i in range(ct.GetCount())}
    return {"type": gdal.GetDataTypeName(b.DataType), "signed": signed, "nodata": nodata, "colours": colours}


def gdal_values(path, points):
    inp = "".join(f"{lon!r} {lat!r}\n" for lon, lat in points)
    out = subprocess.run(["gdallocationinfo", "-valonly", "-wgs84", path], input=inp, capture_output=True, text=True, check=True)
    lines = out.stdout.split("\n")
    return [lines[i].strip() if i < len(lines) else "" for i in range(len(points))]


def zone_oracle(run_dir, run, grid_path):
    risk = run.get("study", {}).get("risk") or {}
    path = risk.get("zonesFile")
    if not path:
        return None
    if not os.path.exists(path):
        path = os.path.join(run_dir, "inputs", os.path.basename(path))
    ds = gdal.Open(grid_path)
    grid_srs = osr.SpatialReference(wkt=ds.GetProjection())
    grid_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_grid = osr.CoordinateTransformation(srs_of(risk["zoneCrs"]), grid_srs)
    vds = ogr.Open(path)
    layer = vds.GetLayer(0)
    names = [layer.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(layer.GetLayerDefn().GetFieldCount())]
    id_field = risk.get("zoneIdField") or next((f for f in ID_FIELDS if f in names), None)
    name_field = next((f for f in NAME_FIELDS if f in names), None)
    zones = []
    for i, f in enumerate(layer):
        g = f.GetGeometryRef().Clone()
        g.Transform(to_grid)
        zid = f.GetField(id_field) if id_field else None
        zones.append({"id": str(i) if zid is None else str(zid), "name": f.GetField(name_field) if name_field else None, "geom": g})
    gt = ds.GetGeoTransform()
    wgs_to_grid = osr.CoordinateTransformation(srs_of("wgs84"), grid_srs)

    def at(lon, lat):
        x, y, _ = wgs_to_grid.TransformPoint(lon, lat)
        c = math.floor((x - gt[0]) / gt[1])
        r = math.floor((y - gt[3]) / gt[5])
        if not (0 <= c < ds.RasterXSize and 0 <= r < ds.RasterYSize):
            return None
        p = ogr.Geometry(ogr.wkbPoint)
        p.AddPoint_2D(gt[0] + (c + 0.5) * gt[1], gt[3] + (r + 0.5) * gt[5])
        return next((z for z in zones if z["geom"].Intersects(p)), None)

    return at


def table(path):
    if not os.path.exists(path):
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {row["zoneId"]: row for row in csv.DictReader(f)}


def same_cell(text, value):
    """A CSV cell against the API's JSON value: numbers as numbers, booleans, text, empty = null."""
    if text == "":
        return value is None
    try:
        x = float(text)
        if math.isfinite(x):
            return isinstance(value, (int, float)) and not isinstance(value, bool) and float(value) == x
    except ValueError:
        pass
    if text.lower() in ("true", "false"):
        return value is (text.lower() == "true")
    return value == text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("run_dir")
    ap.add_argument("--points", type=int, default=100)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--margin", type=float, default=0.05)
    a = ap.parse_args()
    base = a.url.rstrip("/") + "/"
    layers = get_json(base + "api/layers")["layers"]
    with open(os.path.join(a.run_dir, "run.json"), encoding="utf-8") as f:
        run = json.load(f)
    styles = {s["color"].upper(): s for s in run["study"]["classes"].get("styles", [])}
    w, s, e, n = layers[0]["bounds"]
    mx, my = (e - w) * a.margin, (n - s) * a.margin
    rnd = random.Random(a.seed)
    points = [(rnd.uniform(w - mx, e + mx), rnd.uniform(s - my, n + my)) for _ in range(a.points)]
    answers = [get_json(base + "api/point?" + urllib.parse.urlencode({"lon": repr(lon), "lat": repr(lat)})) for lon, lat in points]
    mismatches = []
    counts = {"points": len(points), "layers": len(layers), "values": 0, "nulls": 0, "offRaster": 0, "classes": 0,
              "classNamesFromStudy": 0, "zoned": 0, "unzoned": 0}

    def bad(i, layer, what, gdal_says, api_says):
        mismatches.append({"point": i, "lonLat": points[i], "layer": layer, "what": what, "gdal": gdal_says, "api": api_says})

    for layer in layers:
        lid = layer["id"]
        path = os.path.join(a.run_dir, "rasters", lid + ".tif")
        facts = band_facts(path)
        legend = {c["value"]: c for c in layer.get("legend") or []}
        classed = layer["kind"] == "classes"
        for i, text in enumerate(gdal_values(path, points)):
            ours = answers[i]["layers"].get(lid, "missing")
            cls = answers[i].get("classes", {}).get(lid)
            if text == "":
                counts["offRaster"] += 1
                if ours is not None:
                    bad(i, lid, "off the raster", None, ours)
                continue
            v = float(text)
            if facts["signed"] and v > 127:
                v -= 256
            if math.isnan(v) or (facts["nodata"] is not None and v == facts["nodata"]):
                counts["nulls"] += 1
                if ours is not None:
                    bad(i, lid, "nodata", text, ours)
                if cls is not None:
                    bad(i, lid, "class at nodata", None, cls)
                continue
            if not isinstance(ours, (int, float)) or isinstance(ours, bool):
                bad(i, lid, "value", text, ours)
                continue
            if facts["type"] == "Float32":
                f32 = np.float32(v)
                if np.float32(ours) != f32 or float(ours) != float(f32):
                    bad(i, lid, "float32 value", text, ours)
            elif facts["type"] == "Float64":
                if abs(float(ours) - v) > 1e-14 * max(1.0, abs(v)):  # gdallocationinfo prints 15 significant digits
                    bad(i, lid, "float64 value", text, ours)
            elif float(ours) != v or v != int(v):
                bad(i, lid, "integer value", text, ours)
            counts["values"] += 1
            if not classed:
                continue
            if cls is None:
                bad(i, lid, "class missing", v, None)
                continue
            counts["classes"] += 1
            if cls["value"] != v:
                bad(i, lid, "class value", v, cls["value"])
            if facts["colours"] is not None and cls["color"].upper() != facts["colours"].get(int(v), "").upper():
                bad(i, lid, "class colour", facts["colours"].get(int(v)), cls["color"])
            leg = legend.get(int(v))
            if leg is None or (leg["en"], leg["zh"]) != (cls["en"], cls["zh"]):
                bad(i, lid, "class names vs /api/layers legend", leg, cls)
            if lid.startswith("landuse_") and facts["colours"] is not None:
                style = styles.get(facts["colours"].get(int(v), "").upper())
                if style is None or (style["englishLabel"], style["chineseLabel"]) != (cls["en"], cls["zh"]):
                    bad(i, lid, "land class names vs study styles", style, cls)
                else:
                    counts["classNamesFromStudy"] += 1

    zone_at = zone_oracle(a.run_dir, run, os.path.join(a.run_dir, "rasters", layers[0]["id"] + ".tif"))
    summary = table(os.path.join(a.run_dir, "tables", "zonal_summary.csv"))
    key = table(os.path.join(a.run_dir, "tables", "key_monitoring_areas.csv"))
    for i, (lon, lat) in enumerate(points):
        ours = answers[i].get("zone")
        z = zone_at(lon, lat) if zone_at else None
        if z is None:
            counts["unzoned"] += 1
            if ours is not None:
                bad(i, "zone", "zone outside every polygon", None, ours.get("id"))
            continue
        counts["zoned"] += 1
        if ours is None or str(ours.get("id")) != z["id"] or ours.get("name") != z["name"]:
            bad(i, "zone", "zone id/name", [z["id"], z["name"]], None if ours is None else [ours.get("id"), ours.get("name")])
            continue
        row = summary.get(z["id"])
        got = ours.get("summary")
        if row is None:
            if got is not None:
                bad(i, "zone", "summary of a zone without a row", None, got)
        elif got is None or set(got) != set(row) or not all(same_cell(row[k], got[k]) for k in row):
            bad(i, "zone", "zonal summary row", row, got)
        if (z["id"] in key) != (ours.get("keyMonitoringArea") is not None):
            bad(i, "zone", "key monitoring area", z["id"] in key, ours.get("keyMonitoringArea"))

    print(json.dumps({"url": base, "seed": a.seed, "margin": a.margin, "gdal": gdal.__version__, **counts,
                      "mismatchCount": len(mismatches), "mismatches": mismatches[:50]}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
