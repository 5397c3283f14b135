#!/bin/sh
# Small fixtures of the true-area oracle (run from this folder; needs GDAL 3.6.2 and Debian python3-gdal/numpy):
# a 64 x 48 px clip of the Wuhan 2003 land use (UTM 49N, 30 m; ../shared/data/lulc-wuhan-30m/wh2003_refy.tif),
# the same clip warped (nearest) to EPSG:4326 and EPSG:3857, and the oracle's per-code areas of each.
# The Wuhan UTM originals' oracle outputs (wh2003_refy_utm49n.csv, wh2013_refy_utm49n.csv) come from
#   /usr/bin/python3 pixel_area_oracle.py ../../../../../shared/data/lulc-wuhan-30m/whYYYY_refy.tif whYYYY_refy_utm49n.csv
set -e
SRC=${1:-../../../../../shared/data/lulc-wuhan-30m/wh2003_refy.tif}
gdal_translate -q -srcwin 1500 1300 64 48 -co COMPRESS=DEFLATE "$SRC" small_utm49n.tif
gdalwarp -q -overwrite -t_srs EPSG:4326 -r near -co COMPRESS=DEFLATE small_utm49n.tif small_4326.tif
gdalwarp -q -overwrite -t_srs EPSG:3857 -r near -co COMPRESS=DEFLATE small_utm49n.tif small_3857.tif
for f in small_utm49n small_4326 small_3857; do
  /usr/bin/python3 pixel_area_oracle.py $f.tif $f.csv
done
