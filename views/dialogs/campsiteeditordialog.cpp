#include "campsiteeditordialog.h"

#include "domain/campsiteservice.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace campdesk {

namespace {
constexpr int maxPrice = 100'000'000;

QSpinBox* priceBox(QWidget* parent, const QString& objectName)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(0, maxPrice);
    box->setSingleStep(1000);
    box->setGroupSeparatorShown(true);
    box->setAccelerated(true);
    box->setAlignment(Qt::AlignRight);
    //: suffix of a price field in won, with its leading space
    box->setSuffix(CampsiteEditorDialog::tr(" won"));
    return box;
}
} // namespace

CampsiteEditorDialog::CampsiteEditorDialog(CampsiteService& service, const Actor& actor,
                                           const std::optional<Campsite>& existing, const QStringList& zones,
                                           QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_actor(actor)
    , m_original(existing.value_or(Campsite()))
    , m_isNew(!existing.has_value())
    , m_code(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_zone(new QLineEdit(this))
    , m_maxGuests(new QSpinBox(this))
    , m_nightlyPrice(priceBox(this, QStringLiteral("nightlyPrice")))
    , m_weekendPrice(priceBox(this, QStringLiteral("weekendPrice")))
    , m_amenities(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_status(new QComboBox(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("campsiteEditor"));
    setWindowTitle(m_isNew ? tr("New campsite") : tr("Edit campsite %1").arg(m_original.code));

    m_code->setObjectName(QStringLiteral("code"));
    m_code->setMaxLength(16);
    m_code->setPlaceholderText(tr("e.g. A-07"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(120);
    m_kind->setObjectName(QStringLiteral("kind"));
    for (CampsiteKind kind : allCampsiteKinds())
        m_kind->addItem(campsiteKindName(kind), campsiteKindKey(kind));
    m_zone->setObjectName(QStringLiteral("zone"));
    m_zone->setMaxLength(80);
    if (!zones.isEmpty()) {
        auto* completer = new QCompleter(zones, m_zone);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        m_zone->setCompleter(completer);
    }
    m_maxGuests->setObjectName(QStringLiteral("maxGuests"));
    m_maxGuests->setRange(1, 50);
    m_weekendPrice->setSpecialValueText(tr("Same as nightly"));
    m_amenities->setObjectName(QStringLiteral("amenities"));
    m_amenities->setPlaceholderText(tr("Comma-separated, e.g. Power, Water, Wi-Fi"));
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setTabChangesFocus(true);
    m_description->setMinimumHeight(80);
    m_status->setObjectName(QStringLiteral("status"));
    QList<CampsiteStatus> statuses { CampsiteStatus::Active, CampsiteStatus::Maintenance };
    if (!m_isNew)
        statuses.append(CampsiteStatus::Retired);
    for (CampsiteStatus status : statuses)
        m_status->addItem(campsiteStatusName(status), campsiteStatusKey(status));

    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->setMinimumHeight(m_problem->fontMetrics().lineSpacing() * 2);
    m_problem->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("ok"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_isNew ? tr("Register") : tr("Save"));

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Zone:"), m_zone);
    form->addRow(tr("Max &guests:"), m_maxGuests);
    form->addRow(tr("N&ightly price:"), m_nightlyPrice);
    form->addRow(tr("&Weekend price:"), m_weekendPrice);
    form->addRow(tr("&Amenities:"), m_amenities);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Status:"), m_status);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    m_fieldWidgets = { { QStringLiteral("code"), m_code },
                       { QStringLiteral("name"), m_name },
                       { QStringLiteral("zone"), m_zone },
                       { QStringLiteral("maxGuests"), m_maxGuests },
                       { QStringLiteral("nightlyPrice"), m_nightlyPrice },
                       { QStringLiteral("weekendPrice"), m_weekendPrice },
                       { QStringLiteral("amenities"), m_amenities },
                       { QStringLiteral("description"), m_description },
                       { QStringLiteral("status"), m_status } };

    // Fill the form from the campsite being edited (or the defaults of a new one).
    m_code->setText(m_original.code);
    m_name->setText(m_original.name);
    m_kind->setCurrentIndex(m_kind->findData(campsiteKindKey(m_original.kind)));
    m_zone->setText(m_original.zone);
    m_maxGuests->setValue(m_original.maxGuests);
    m_nightlyPrice->setValue(int(m_original.nightlyPrice));
    m_weekendPrice->setValue(int(m_original.weekendPrice));
    m_amenities->setText(m_original.amenities.join(QStringLiteral(", ")));
    m_description->setPlainText(m_original.description);
    m_status->setCurrentIndex(std::max(0, m_status->findData(campsiteStatusKey(m_original.status))));

    for (QLineEdit* edit : { m_code, m_name, m_zone, m_amenities })
        connect(edit, &QLineEdit::textChanged, this, &CampsiteEditorDialog::validate);
    for (QSpinBox* box : { m_maxGuests, m_nightlyPrice, m_weekendPrice })
        connect(box, &QSpinBox::valueChanged, this, &CampsiteEditorDialog::validate);
    for (QComboBox* combo : { m_kind, m_status })
        connect(combo, &QComboBox::currentIndexChanged, this, &CampsiteEditorDialog::validate);
    connect(m_description, &QPlainTextEdit::textChanged, this, &CampsiteEditorDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CampsiteEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CampsiteEditorDialog::reject);
    validate();
}

Campsite CampsiteEditorDialog::campsite() const
{
    Campsite c = m_original;
    c.code = m_code->text();
    c.name = m_name->text();
    c.kind = campsiteKindFromKey(m_kind->currentData().toString()).value_or(CampsiteKind::Tent);
    c.zone = m_zone->text();
    c.maxGuests = m_maxGuests->value();
    c.nightlyPrice = m_nightlyPrice->value();
    c.weekendPrice = m_weekendPrice->value();
    c.amenities = m_amenities->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    c.description = m_description->toPlainText();
    c.status = campsiteStatusFromKey(m_status->currentData().toString()).value_or(CampsiteStatus::Active);
    return c;
}

void CampsiteEditorDialog::showProblem(const QString& message, const QString& field)
{
    m_problem->setText(message);
    for (auto it = m_fieldWidgets.cbegin(); it != m_fieldWidgets.cend(); ++it) {
        const bool bad = !message.isEmpty() && it.key() == field;
        it.value()->setStyleSheet(bad ? QStringLiteral("border: 1px solid #b00020;") : QString());
        it.value()->setToolTip(bad ? message : QString());
    }
}

void CampsiteEditorDialog::validate()
{
    const Status status = CampsiteService::validate(campsite());
    showProblem(status.ok() ? QString() : status.error().message, status.error().field);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(status.ok());
}

void CampsiteEditorDialog::accept()
{
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    Result<Campsite> result
        = m_isNew ? m_service.registerCampsite(m_actor, campsite()) : m_service.modify(m_actor, campsite());
    if (!result.ok()) {
        showProblem(result.error().message, result.error().field);
        return;
    }
    m_saved = result.value();
    QDialog::accept();
}

} // namespace campdesk
