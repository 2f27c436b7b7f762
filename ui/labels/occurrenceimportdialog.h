// File > Import Occurrences…: the points file, the CRS of a CSV (default: the survey's), whether to skip
// points outside the grid, and the random non-deposit pixels (count, minimum distance, seed), as
// lodestone-cli's --points, --points-crs, --outside-points, --negatives, --negative-min-distance and --seed.
// The last values are remembered.
//
// Thread: GUI thread.
#pragma once

#include "occurrenceimport.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace lodestone {

/** \brief Asks how to import occurrence points. */
class OccurrenceImportDialog : public QDialog {
    Q_OBJECT
public:
    /** \brief surveyCrs: the survey's CRS as the user knows it (e.g. "EPSG:3067"), the default for CSV files;
     *  folder: where the file dialog starts; geographic: the survey's map units are degrees (the minimum distance
     *  is then given in degrees, to four decimals, and remembered apart from the distances of projected surveys). */
    OccurrenceImportDialog(const QString &surveyCrs, const QString &folder, QWidget *parent = nullptr,
                           bool geographic = false);

    OccurrenceImport::Options options() const;
    void setOptions(const OccurrenceImport::Options &options);

    QLineEdit *fileEdit() const { return m_file; }
    QLineEdit *crsEdit() const { return m_crs; }
    QCheckBox *skipOutsideBox() const { return m_skipOutside; }
    QSpinBox *negativesBox() const { return m_negatives; }
    QDoubleSpinBox *minDistanceBox() const { return m_minDistance; }
    QSpinBox *seedBox() const { return m_seed; }

    void accept() override;

private:
    QString distanceKey() const;
    void browse();
    void updateState();

    QString m_surveyCrs;
    QString m_folder;
    bool m_geographic = false;
    QLineEdit *m_file = nullptr;
    QLineEdit *m_crs = nullptr;
    QLabel *m_crsNote = nullptr;
    QCheckBox *m_skipOutside = nullptr;
    QSpinBox *m_negatives = nullptr;
    QDoubleSpinBox *m_minDistance = nullptr;
    QSpinBox *m_seed = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace lodestone
