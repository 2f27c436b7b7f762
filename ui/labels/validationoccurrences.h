// Validation occurrences of the next run: deposits the run does not train on, at which its map's prediction rate
// is measured (PipelineParams::validationPixels). Read from a points file with the readers of occurrence import
// (CSV with X/Y columns in the survey's CRS, Shapefile, GeoPackage, GeoJSON), shown as a point layer on the map,
// and forgotten when another survey is opened.
//
// Thread: GUI thread; the points file is read there, as occurrence import does (such files are small).
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <cstddef>
#include <functional>
#include <vector>

class QWidget;

namespace lodestone {

class MainWindow;
class ValidationPointLayer;

/** \brief The validation occurrences of the open survey and their layer. */
class ValidationOccurrences : public QObject {
    Q_OBJECT
public:
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    explicit ValidationOccurrences(MainWindow *window, QObject *parent = nullptr);

    void setErrorReporter(ErrorReporter reporter) { m_reporter = std::move(reporter); }

    /** \brief Row-major pixels of the occurrences on valid ground (empty when none are loaded). */
    const std::vector<std::size_t> &pixels() const { return m_pixels; }
    QString path() const { return m_path; }
    bool isEmpty() const { return m_pixels.empty(); }
    /** \brief The point layer (null when none are loaded). */
    ValidationPointLayer *layer() const;
    /** \brief One line for the Training panel, e.g. "12 occurrences from deposits.csv". */
    QString summary() const;

public Q_SLOTS:
    /** \brief Asks for a points file, then load(). */
    void choose();
    /** \brief Reads path on the open survey's grid and shows the points; errors are reported and leave the
     *  previous occurrences as they were. False on error or without a survey. */
    bool load(const QString &path);
    /** \brief Forgets the occurrences and removes their layer. */
    void clear();

Q_SIGNALS:
    void changed();
    /** \brief A line for the status bar (points read and skipped). */
    void statusMessage(const QString &text);

private:
    void removeLayer();

    MainWindow *m_window = nullptr;
    ErrorReporter m_reporter;
    QString m_path;
    std::vector<std::size_t> m_pixels;
    QPointer<ValidationPointLayer> m_layer;
};

} // namespace lodestone
