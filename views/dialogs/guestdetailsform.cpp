#include "guestdetailsform.h"

#include "fieldmessage.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace campdesk {

GuestDetailsForm::GuestDetailsForm(QWidget* parent)
    : QWidget(parent)
    , m_guestName(new QLineEdit(this))
    , m_equipment(new QComboBox(this))
    , m_length(new QDoubleSpinBox(this))
    , m_notes(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("guestDetails"));
    m_guestName->setObjectName(QStringLiteral("guestName"));
    m_guestName->setMaxLength(GuestDetails::maxNameLength + 20); // the service says what is too long
    QList<FieldMessage*> plateRows;
    for (int i = 1; i <= GuestDetails::maxPlates; ++i) {
        auto* plate = new QLineEdit(this);
        plate->setObjectName(QStringLiteral("plate%1").arg(i));
        plate->setPlaceholderText(i == 1 ? tr("e.g. 12가3456") : QString());
        plate->setMaxLength(20);
        m_plates.append(plate);
        auto* row = new FieldMessage(plate, this);
        m_rows.insert(plate->objectName(), row);
        plateRows.append(row);
    }
    m_equipment->setObjectName(QStringLiteral("equipment"));
    m_equipment->addItem(tr("Not given"), QString());
    for (const QString& code : GuestDetails::equipmentCodes())
        m_equipment->addItem(GuestDetails::equipmentName(code), code);
    m_length->setObjectName(QStringLiteral("equipmentLength"));
    m_length->setRange(0, GuestDetails::maxLengthDm / 10.0 + 5); // beyond the rule, so the rule's message is seen
    m_length->setDecimals(1);
    m_length->setSingleStep(0.5);
    m_length->setSuffix(tr(" m"));
    m_length->setSpecialValueText(tr("Not given"));
    m_notes->setObjectName(QStringLiteral("guestNotes"));
    m_notes->setPlaceholderText(tr("Seen by staff only, e.g. arrives late, needs an electric hook-up"));
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 3 + 12);

    auto addRow = [this](const QString& field, QWidget* widget) {
        auto* row = new FieldMessage(widget, this);
        m_rows.insert(field, row);
        return row;
    };
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Guest &name"), addRow(QStringLiteral("guestName"), m_guestName));
    // One plate a row: each message under its own plate, at the form's width.
    for (int i = 0; i < plateRows.size(); ++i)
        form->addRow(i == 0 ? tr("&Vehicles") : QString(), plateRows.at(i));
    auto* equipment = new QHBoxLayout;
    equipment->setContentsMargins(0, 0, 0, 0);
    equipment->setAlignment(Qt::AlignTop);
    equipment->addWidget(addRow(QStringLiteral("equipment"), m_equipment), 1);
    equipment->addWidget(addRow(QStringLiteral("equipmentLength"), m_length), 1);
    auto* equipmentLabel = new QLabel(tr("E&quipment"), this);
    equipmentLabel->setBuddy(m_equipment);
    form->addRow(equipmentLabel, equipment);
    form->addRow(tr("Staff &notes"), addRow(QStringLiteral("notes"), m_notes));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    setCustomerName(QString());
    equipmentChanged();

    auto changed = [this] {
        details();
        emit edited();
    };
    connect(m_guestName, &QLineEdit::textChanged, this, changed);
    for (QLineEdit* plate : std::as_const(m_plates))
        connect(plate, &QLineEdit::textChanged, this, changed);
    connect(m_equipment, &QComboBox::currentIndexChanged, this, [this, changed] {
        equipmentChanged();
        changed();
    });
    connect(m_length, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_notes, &QPlainTextEdit::textChanged, this, changed);
}

void GuestDetailsForm::setCustomerName(const QString& name)
{
    // Not filled in silently: an empty name is the customer's, and the placeholder says so.
    m_guestName->setPlaceholderText(name.trimmed().isEmpty() ? tr("The customer's name when left empty")
                                                             : tr("%1 (the customer) when left empty").arg(name));
}

void GuestDetailsForm::setDetails(const GuestDetails& details)
{
    const QSignalBlocker blockName(m_guestName);
    m_guestName->setText(details.guestName);
    for (int i = 0; i < m_plates.size(); ++i) {
        const QSignalBlocker block(m_plates.at(i));
        m_plates.at(i)->setText(details.plates.value(i));
    }
    {
        const QSignalBlocker block(m_equipment);
        m_equipment->setCurrentIndex(std::max(0, m_equipment->findData(details.equipment)));
    }
    {
        const QSignalBlocker block(m_length);
        m_length->setValue(details.equipmentLengthDm / 10.0);
    }
    {
        const QSignalBlocker block(m_notes);
        m_notes->setPlainText(details.notes);
    }
    equipmentChanged();
    clearProblems();
}

Result<GuestDetails> GuestDetailsForm::details()
{
    clearProblems();
    QStringList plates;
    for (QLineEdit* plate : std::as_const(m_plates))
        plates << plate->text();
    Result<GuestDetails> d = GuestDetails::fromInput(m_guestName->text(), plates, m_equipment->currentData().toString(),
                                                     int(std::lround(m_length->value() * 10)), m_notes->toPlainText());
    if (!d.ok())
        showProblem(d.error());
    return d;
}

bool GuestDetailsForm::showProblem(const Error& error)
{
    FieldMessage* row = m_rows.value(error.field);
    if (!row)
        return false;
    row->setMessage(error.message);
    return true;
}

bool GuestDetailsForm::isEmpty() const
{
    bool empty = m_guestName->text().trimmed().isEmpty() && m_equipment->currentIndex() == 0
        && m_notes->toPlainText().trimmed().isEmpty();
    for (QLineEdit* plate : m_plates)
        empty = empty && plate->text().trimmed().isEmpty();
    return empty;
}

void GuestDetailsForm::clearProblems()
{
    for (FieldMessage* row : std::as_const(m_rows))
        row->setMessage(QString());
}

void GuestDetailsForm::equipmentChanged()
{
    const bool takesLength = GuestDetails::takesLength(m_equipment->currentData().toString());
    m_length->setEnabled(takesLength);
    if (!takesLength) {
        const QSignalBlocker block(m_length);
        m_length->setValue(0);
    }
}

} // namespace campdesk
