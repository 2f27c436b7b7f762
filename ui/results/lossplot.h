// The autoencoder's reconstruction loss per epoch, drawn live while training (one point per finished epoch)
// and kept with the result.
//
// Thread: GUI thread.
#pragma once

#include "resultplot.h"

#include <QVector>

class QCPItemText;

namespace lodestone {

/** \brief Loss curve of autoencoder training. */
class LossPlot : public ResultPlot {
    Q_OBJECT
public:
    explicit LossPlot(QWidget *parent = nullptr);

    /** \brief Clears the curve and fixes the epoch axis to 1..epochs for the coming run. */
    void startRun(int epochs);
    /** \brief Adds the loss of a finished epoch (1-based); an epoch not after the last one begins the curve of the
     *  next network of an ensemble. */
    void addEpoch(int epoch, double loss);
    /** \brief Shows a complete history (loss of epoch 1, 2, ...). */
    void setHistory(const std::vector<double> &losses);
    void clear();

    const QVector<double> &losses() const { return m_loss; }
    /** \brief How many networks' curves are drawn. */
    int curveCount() const { return 1 + int(m_memberStarts.size()); }
    bool hasData() const override { return !m_loss.isEmpty(); }

    QSize sizeHint() const override { return QSize(260, 160); }

private:
    void redraw();

    QVector<double> m_epoch, m_loss; ///< every network's epochs, one after another
    QVector<int> m_memberStarts;     ///< where each network after the first begins in m_epoch
    int m_epochs = 1;
    QCPItemText *m_hint = nullptr;
};

} // namespace lodestone
