// File dialog filters for the raster formats GDAL reads that carry potential-field grids. "All files" is
// always offered as well, since GDAL recognises formats by content, not by extension.
//
// Thread: stateless, any thread.
#pragma once

#include <QString>
#include <QStringList>

namespace lodestone {

/** \brief Name filters for opening rasters. */
class RasterFileFormats {
public:
    /** \brief One filter per format ("GeoTIFF (*.tif *.tiff)"), preceded by one for all of them and followed
     *  by "All files (*)". */
    static QStringList nameFilters();
    /** \brief nameFilters() joined for QFileDialog::getOpenFileName. */
    static QString dialogFilter();
};

} // namespace lodestone
