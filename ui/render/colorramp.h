// Colour ramps for continuous rasters: viridis, the rainbow ramp of magnetics maps, greys, and magma.
//
// Thread: a value type; immutable after construction, safe to share between threads.
#pragma once

#include <QColor>
#include <QString>
#include <QVector>

#include <array>

namespace lodestone {

/** \brief A colour ramp sampled into a 256-entry lookup table; position 0 is the low end, 1 the high end.
 *
 *  \code
 *  ColorRamp ramp(ColorRamp::Viridis);
 *  QRgb c = ramp.rgbAt(0.5);   // the middle of viridis, #21918c
 *  \endcode
 */
class ColorRamp {
public:
    enum Preset {
        Viridis, ///< perceptually uniform (matplotlib's viridis)
        Rainbow, ///< blue-cyan-green-yellow-red-magenta, the colour table of magnetics maps (Oasis montaj "clra")
        Greys,   ///< black to white
        Magma,   ///< perceptually uniform, black through purple and orange to pale yellow (matplotlib's magma);
                 ///< the uncertainty layer's, not offered for surveys
    };
    static constexpr int kSize = 256;

    explicit ColorRamp(Preset preset = Viridis);

    Preset preset() const { return m_preset; }
    /** \brief Colour at a position in [0, 1] (clamped), from the lookup table. */
    QRgb rgbAt(double position) const;
    /** \brief Entry i (0..kSize-1) of the lookup table, opaque. */
    QRgb entry(int i) const { return m_table[std::size_t(i)]; }
    const std::array<QRgb, kSize> &table() const { return m_table; }

    /** \brief User-visible name of a preset, translated. */
    static QString displayName(Preset preset);
    /** \brief The presets offered for surveys, in the order shown to the user. */
    static QVector<Preset> presets();

private:
    Preset m_preset;
    std::array<QRgb, kSize> m_table{};
};

} // namespace lodestone
