// LabelsPanel: the buttons and the spin box mirror the BrushingModel both ways.
#include "labelspanel.h"

#include "brushingmodel.h"
#include "labeldocument.h"
#include "labelicons.h"
#include "labels.h"

#include <QAction>
#include <QButtonGroup>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace lodestone {

LabelsPanel::LabelsPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("LabelsPanel"));
    auto *layout = new QVBoxLayout(this);

    auto *classRow = new QHBoxLayout;
    m_classes = new QButtonGroup(this);
    m_classes->setExclusive(true);
    const struct {
        uint8_t value;
        QString text;
        QString tip;
    } classes[] = {
        {LabelDeposit, tr("Deposit"), tr("Paint deposit pixels (1)")},
        {LabelNonDeposit, tr("Non-deposit"), tr("Paint non-deposit pixels (2)")},
        {LabelUnknown, tr("Eraser"), tr("Erase labels: the pixels become unknown (3)")},
    };
    for (const auto &c : classes) {
        auto *button = new QToolButton(this);
        button->setText(c.text);
        button->setToolTip(c.tip);
        button->setIcon(LabelIcons::classSwatch(c.value));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setCheckable(true);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        m_classes->addButton(button, c.value);
        classRow->addWidget(button);
    }
    layout->addLayout(classRow);
    connect(m_classes, &QButtonGroup::idClicked, this, [this](int id) {
        if (m_model)
            m_model->setBrushClass(uint8_t(id));
        Q_EMIT classChosen(uint8_t(id));
    });

    auto *form = new QFormLayout;
    auto *sizeRow = new QHBoxLayout;
    m_size = new QSpinBox(this);
    m_size->setRange(BrushingModel::kMinSize, BrushingModel::kMaxSize);
    m_size->setSuffix(tr(" px"));
    m_size->setToolTip(tr("Brush diameter in survey pixels ([ and ] on the map)"));
    sizeRow->addWidget(m_size, 1);
    m_paint = new QToolButton(this);
    m_paint->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_paint->setVisible(false);
    sizeRow->addWidget(m_paint);
    form->addRow(tr("Brush size:"), sizeRow);
    connect(m_size, &QSpinBox::valueChanged, this, [this](int size) {
        if (m_model)
            m_model->setBrushSize(size);
    });

    m_depositCount = new QLabel(this);
    m_nonDepositCount = new QLabel(this);
    m_totalCount = new QLabel(this);
    for (QLabel *label : {m_depositCount, m_nonDepositCount, m_totalCount})
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto swatch = [this](uint8_t value, const QString &text) {
        auto *label = new QLabel(this);
        label->setPixmap(LabelIcons::classSwatch(value).pixmap(14, 14));
        auto *row = new QWidget(this);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(label);
        h->addWidget(new QLabel(text, row), 1);
        return row;
    };
    form->addRow(swatch(LabelDeposit, tr("Deposit pixels")), m_depositCount);
    form->addRow(swatch(LabelNonDeposit, tr("Non-deposit pixels")), m_nonDepositCount);
    form->addRow(tr("Labelled"), m_totalCount);
    layout->addLayout(form);

    auto *hint = new QLabel(tr("Left-drag paints. Middle-drag or Space + drag pans; the wheel zooms. "
                               "Nodata pixels are never labelled."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    layout->addStretch(1);

    updateCounts();
}

void LabelsPanel::setBrushingModel(BrushingModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (!model)
        return;
    m_size->setValue(model->brushSize());
    showClass(model->brushClass());
    connect(model, &BrushingModel::brushSizeChanged, m_size, &QSpinBox::setValue);
    connect(model, &BrushingModel::brushClassChanged, this, &LabelsPanel::showClass);
}

void LabelsPanel::setDocument(LabelDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document)
        connect(document, &LabelDocument::countsChanged, this, &LabelsPanel::updateCounts);
    updateCounts();
}

void LabelsPanel::setPaintAction(QAction *action)
{
    m_paint->setDefaultAction(action);
    m_paint->setVisible(action != nullptr);
}

QAbstractButton *LabelsPanel::classButton(uint8_t value) const
{
    return m_classes->button(value);
}

void LabelsPanel::showClass(uint8_t value)
{
    if (QAbstractButton *button = m_classes->button(value))
        button->setChecked(true);
}

void LabelsPanel::updateCounts()
{
    const bool open = m_document && !m_document->isEmpty();
    const auto counts = open ? m_document->counts() : std::array<std::size_t, 3>{0, 0, 0};
    const QLocale locale;
    m_depositCount->setText(locale.toString(qulonglong(counts[LabelDeposit])));
    m_nonDepositCount->setText(locale.toString(qulonglong(counts[LabelNonDeposit])));
    m_totalCount->setText(locale.toString(qulonglong(counts[LabelDeposit] + counts[LabelNonDeposit])));
    setEnabled(open);
}

} // namespace lodestone
