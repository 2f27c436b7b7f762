// Versions of the libraries Lodestone was built with, for reports. Only light version headers here.
#include "autoencoder.h"
#include "lodestone_version.h"
#include "pipeline.h"
#include "raster.h"

#include <dlib/revision.h>
#include <opencv2/core/version.hpp>

namespace lodestone {

std::vector<std::pair<std::string, std::string>> libraryVersions()
{
    return {{"lodestone", LODESTONE_VERSION},
            {"gdal", gdalVersion()},
            {"libtorch", torchVersion()},
            {"opencv", CV_VERSION},
            {"dlib", std::to_string(DLIB_MAJOR_VERSION) + "." + std::to_string(DLIB_MINOR_VERSION)}};
}

} // namespace lodestone
