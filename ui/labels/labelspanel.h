// The Labels panel: the brush class (deposit, non-deposit, eraser) as colour buttons, the brush size, the
// paint tool, and live counts of labelled pixels per class.
//
// Thread: GUI thread.
#pragma once

#include <QPointer>
#include <QWidget>

#include <cstdint>

class QAbstractButton;
class QAction;
class QButtonGroup;
class QLabel;
class QSpinBox;
class QToolButton;

namespace lodestone {

class BrushingModel;
class LabelDocument;

/** \brief Brush controls and label counts. */
class LabelsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LabelsPanel(QWidget *parent = nullptr);

    /** \brief The brush the controls edit (not owned). */
    void setBrushingModel(BrushingModel *model);
    /** \brief The labels whose counts are shown (not owned). */
    void setDocument(LabelDocument *document);
    /** \brief Shows the paint tool's action as a button. */
    void setPaintAction(QAction *action);

    /** \brief The class button of a label value (LabelDeposit, LabelNonDeposit, LabelUnknown = eraser). */
    QAbstractButton *classButton(uint8_t value) const;
    QSpinBox *brushSizeBox() const { return m_size; }
    QLabel *depositCountLabel() const { return m_depositCount; }
    QLabel *nonDepositCountLabel() const { return m_nonDepositCount; }

Q_SIGNALS:
    /** \brief The user chose a class: the paint tool should become active. */
    void classChosen(uint8_t value);

private:
    void updateCounts();
    void showClass(uint8_t value);

    QPointer<BrushingModel> m_model;
    QPointer<LabelDocument> m_document;
    QButtonGroup *m_classes = nullptr;
    QToolButton *m_paint = nullptr;
    QSpinBox *m_size = nullptr;
    QLabel *m_depositCount = nullptr;
    QLabel *m_nonDepositCount = nullptr;
    QLabel *m_totalCount = nullptr;
};

} // namespace lodestone
