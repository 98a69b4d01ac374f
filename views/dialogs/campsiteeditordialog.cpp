#include "campsiteeditordialog.h"

#include "domain/campsiteservice.h"
#include "fieldmessage.h"
#include "messagebox.h"
#include "numberedit.h"
#include "sitephotoseditor.h"
#include "unsavedchanges.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace campdesk {

namespace {
NumberEdit* priceEdit(QWidget* parent, const QString& objectName, qint64 ceiling)
{
    auto* edit = new NumberEdit(parent);
    edit->setObjectName(objectName);
    edit->setRange(0, ceiling);
    return edit;
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
    , m_maxGuests(new NumberEdit(this))
    , m_nightlyPrice(priceEdit(this, QStringLiteral("nightlyPrice"), service.maxNightlyPrice()))
    , m_weekendPrice(priceEdit(this, QStringLiteral("weekendPrice"), m_nightlyPrice->maximum()))
    , m_amenities(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_status(new QComboBox(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_tabs(new QTabWidget(this))
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
    m_weekendPrice->setEmptyValue(0);
    m_weekendPrice->setPlaceholderText(tr("Same as nightly"));
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

    //: unit after a price field
    const QString won = tr("won");
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto addField = [&](const QString& label, QWidget* field, const QString& unit = QString()) {
        auto* row = new FieldMessage(field, this, unit);
        m_fields.insert(field->objectName(), row);
        form->addRow(label, row);
    };
    addField(tr("&Code:"), m_code);
    addField(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    addField(tr("&Zone:"), m_zone);
    addField(tr("Max &guests:"), m_maxGuests);
    addField(tr("N&ightly price:"), m_nightlyPrice, won);
    addField(tr("&Weekend price:"), m_weekendPrice, won);
    addField(tr("&Amenities:"), m_amenities);
    addField(tr("&Description:"), m_description);
    addField(tr("&Status:"), m_status);
    // The details and, for an existing site, its photos; with one tab the bar is hidden.
    auto* details = new QWidget(m_tabs);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addLayout(form);
    m_tabs->setObjectName(QStringLiteral("editorTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabBarAutoHide(true);
    m_tabs->addTab(details, tr("Details"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);

    // Fill the form from the campsite being edited (or the defaults of a new one).
    m_code->setText(m_original.code);
    m_name->setText(m_original.name);
    m_kind->setCurrentIndex(m_kind->findData(campsiteKindKey(m_original.kind)));
    m_zone->setText(m_original.zone);
    m_maxGuests->setValue(m_original.maxGuests);
    m_nightlyPrice->setValue(m_original.nightlyPrice);
    m_weekendPrice->setValue(m_original.weekendPrice);
    m_amenities->setText(m_original.amenities.join(QStringLiteral(", ")));
    m_description->setPlainText(m_original.description);
    m_status->setCurrentIndex(std::max(0, m_status->findData(campsiteStatusKey(m_original.status))));

    for (QLineEdit* edit : std::initializer_list<QLineEdit*> { m_code, m_name, m_zone, m_amenities, m_maxGuests,
                                                               m_nightlyPrice, m_weekendPrice })
        connect(edit, &QLineEdit::textChanged, this, &CampsiteEditorDialog::validate);
    for (QComboBox* combo : { m_kind, m_status })
        connect(combo, &QComboBox::currentIndexChanged, this, &CampsiteEditorDialog::validate);
    connect(m_description, &QPlainTextEdit::textChanged, this, &CampsiteEditorDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CampsiteEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CampsiteEditorDialog::reject);
    m_unsaved = std::make_unique<UnsavedChanges>(this);
    m_unsaved->markClean();
    validate();
}

CampsiteEditorDialog::~CampsiteEditorDialog() = default;

void CampsiteEditorDialog::setPhotoService(SitePhotoService* photos)
{
    if (!photos || m_isNew || findChild<SitePhotosEditor*>())
        return;
    m_tabs->addTab(new SitePhotosEditor(*photos, m_actor, m_original.id, m_tabs), tr("Photos"));
}

Campsite CampsiteEditorDialog::campsite() const
{
    Campsite c = m_original;
    c.code = m_code->text();
    c.name = m_name->text();
    c.kind = campsiteKindFromKey(m_kind->currentData().toString()).value_or(CampsiteKind::Tent);
    c.zone = m_zone->text();
    // A number out of range is reported by numberProblem(); the service never sees it.
    c.maxGuests = int(m_maxGuests->number().value_or(0));
    c.nightlyPrice = m_nightlyPrice->number().value_or(0);
    c.weekendPrice = m_weekendPrice->number().value_or(0);
    c.amenities = m_amenities->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    c.description = m_description->toPlainText();
    c.status = campsiteStatusFromKey(m_status->currentData().toString()).value_or(CampsiteStatus::Active);
    return c;
}

void CampsiteEditorDialog::showProblem(const QString& message, const QString& field)
{
    m_problem->setText(message);
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        // Every number field says what is wrong with it; the first other problem goes under its field.
        QString own = numberProblem(it.key());
        if (own.isEmpty() && it.key() == field)
            own = message;
        it.value()->setMessage(own);
    }
}

QString CampsiteEditorDialog::numberProblem(const QString& field) const
{
    if (field == m_maxGuests->objectName())
        return m_maxGuests->problem();
    if (field == m_nightlyPrice->objectName()) {
        if (m_nightlyPrice->number() && *m_nightlyPrice->number() > m_nightlyPrice->maximum())
            return tr("At most %1 won per night (Settings).").arg(QLocale().toString(m_nightlyPrice->maximum()));
        return m_nightlyPrice->problem();
    }
    if (field == m_weekendPrice->objectName()) {
        if (m_weekendPrice->number() && *m_weekendPrice->number() > m_weekendPrice->maximum())
            return tr("At most %1 won per night (Settings).").arg(QLocale().toString(m_weekendPrice->maximum()));
        return m_weekendPrice->problem();
    }
    return {};
}

void CampsiteEditorDialog::validate()
{
    for (const QString& field :
         { m_maxGuests->objectName(), m_nightlyPrice->objectName(), m_weekendPrice->objectName() }) {
        if (const QString problem = numberProblem(field); !problem.isEmpty()) {
            showProblem(problem, field);
            m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
            return;
        }
    }
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

void CampsiteEditorDialog::reject()
{
    if (m_unsaved->confirmDiscard(this))
        QDialog::reject();
}

} // namespace campdesk
