"""placeholder"""
def raster_symbols(page, im):
    return []
