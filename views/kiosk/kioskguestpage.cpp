#include "kioskguestpage.h"

#include "core/languagemanager.h"
#include "domain/guestdetails.h"
#include "kioskstepper.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace campdesk {

KioskGuestPage::KioskGuestPage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_name(new QLineEdit(this))
    , m_phone(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_plate(new QLineEdit(this))
    , m_children(new KioskStepper(this))
    , m_vehicles(new KioskStepper(this))
    , m_consent(new QCheckBox(this))
{
    setObjectName(QStringLiteral("kioskGuestPage"));
    m_name->setObjectName(QStringLiteral("kioskGuestName"));
    m_name->setMaxLength(60);
    m_phone->setObjectName(QStringLiteral("kioskGuestPhone"));
    m_phone->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    m_phone->setMaxLength(20);
    m_email->setObjectName(QStringLiteral("kioskGuestEmail"));
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly);
    m_email->setMaxLength(120);
    m_plate->setObjectName(QStringLiteral("kioskGuestPlate"));
    m_plate->setMaxLength(20);
    m_children->setObjectName(QStringLiteral("kioskGuestChildren"));
    m_children->setRange(0, 9);
    m_children->setValue(0);
    m_vehicles->setObjectName(QStringLiteral("kioskGuestVehicles"));
    m_vehicles->setRange(0, 5);
    m_vehicles->setValue(1);
    m_childrenLabel = makeLabel(QStringLiteral("kioskGuestChildrenLabel"), QStringLiteral("fieldLabel"));
    m_vehiclesLabel = makeLabel(QStringLiteral("kioskGuestVehiclesLabel"), QStringLiteral("fieldLabel"));
    m_consent->setObjectName(QStringLiteral("kioskGuestConsent"));
    m_consentText = makeLabel(QStringLiteral("kioskGuestConsentText"), QStringLiteral("hint"));
    m_consentText->setWordWrap(true);
    m_consentText->installEventFilter(this);
    m_nameLabel = makeLabel(QStringLiteral("kioskGuestNameLabel"), QStringLiteral("fieldLabel"));
    m_phoneLabel = makeLabel(QStringLiteral("kioskGuestPhoneLabel"), QStringLiteral("fieldLabel"));
    m_emailLabel = makeLabel(QStringLiteral("kioskGuestEmailLabel"), QStringLiteral("fieldLabel"));
    m_plateLabel = makeLabel(QStringLiteral("kioskGuestPlateLabel"), QStringLiteral("fieldLabel"));
    m_error = makeLabel(QStringLiteral("kioskGuestError"), QStringLiteral("error"));
    m_error->setWordWrap(true);

    auto* form = new QFormLayout;
    form->setVerticalSpacing(20);
    form->setHorizontalSpacing(32);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_phoneLabel, m_phone);
    form->addRow(m_emailLabel, m_email);
    // The consent sentence wraps in its own label (a check box's text never does), and a tap on it ticks the box.
    auto* consentRow = new QHBoxLayout;
    consentRow->setSpacing(12);
    consentRow->addWidget(m_consent, 0, Qt::AlignTop);
    consentRow->addWidget(m_consentText, 1);
    form->addRow(QString(), consentRow);
    // The party's touch steppers in a column beside the form, so the page keeps its height.
    auto* party = new QVBoxLayout;
    party->setSpacing(4);
    party->addWidget(m_childrenLabel);
    party->addWidget(m_children);
    party->addWidget(m_vehiclesLabel);
    party->addWidget(m_vehicles);
    // The car plate belongs with the vehicles; a row of its own would not fit a 768-pixel-high kiosk screen, and
    // beside the e-mail it made the page wider than 1024 pixels.
    party->addWidget(m_plateLabel);
    party->addWidget(m_plate);
    party->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->setSpacing(32);
    columns->addLayout(form, 1);
    columns->addLayout(party);
    content()->addLayout(columns);
    content()->addWidget(m_error);
    content()->addStretch();

    m_back = makeButton(QStringLiteral("kioskGuestBack"));
    m_next = makeButton(QStringLiteral("kioskGuestNext"), QStringLiteral("primary"));
    navigation()->addWidget(m_back);
    navigation()->addStretch();
    navigation()->addWidget(m_next);
    connect(m_back, &QPushButton::clicked, this, &KioskGuestPage::back);
    connect(m_next, &QPushButton::clicked, this, [this] {
        const Customer details = customer();
        const Status valid = CustomerService::validate(details);
        if (!valid.ok()) {
            setError(valid.error().message);
            return;
        }
        if (!m_plate->isHidden() && !m_plate->text().trimmed().isEmpty()
            && !GuestDetails::normalizePlate(m_plate->text())) {
            setError(tr("The car number plate looks wrong: write it like 12가3456, or leave it empty."));
            return;
        }
        setError(QString());
        emit next(details, children(), vehicles());
    });
    for (QLineEdit* field : { m_name, m_phone, m_email })
        connect(field, &QLineEdit::textChanged, this, &KioskGuestPage::validate);
    setPlateShown(false);
    retranslate();
    validate();
}

bool KioskGuestPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_consentText && event->type() == QEvent::MouseButtonRelease)
        m_consent->toggle();
    return KioskPage::eventFilter(watched, event);
}

void KioskGuestPage::clear()
{
    m_name->clear();
    m_phone->clear();
    m_email->clear();
    m_plate->clear();
    m_children->setValue(0);
    m_vehicles->setValue(1);
    m_consent->setChecked(false);
    m_error->clear();
    validate();
}

Customer KioskGuestPage::customer() const
{
    Customer details;
    details.name = m_name->text().trimmed();
    details.phone = m_phone->text().trimmed();
    details.email = m_email->text().trimmed();
    details.language = m_language.language();
    details.messageConsent = m_consent->isChecked();
    return details;
}

void KioskGuestPage::setPlateShown(bool shown)
{
    m_plateLabel->setVisible(shown);
    m_plate->setVisible(shown);
}

QString KioskGuestPage::plate() const
{
    if (m_plate->isHidden())
        return QString();
    return GuestDetails::normalizePlate(m_plate->text()).value_or(QString());
}

int KioskGuestPage::children() const
{
    return m_children->value();
}

int KioskGuestPage::vehicles() const
{
    return m_vehicles->value();
}

void KioskGuestPage::setError(const QString& message)
{
    m_error->setText(message);
}

void KioskGuestPage::validate()
{
    m_next->setEnabled(!m_name->text().trimmed().isEmpty() && CustomerService::normalizePhone(m_phone->text()));
}

void KioskGuestPage::retranslate()
{
    title()->setText(tr("Your details"));
    m_nameLabel->setText(tr("Name"));
    m_phoneLabel->setText(tr("Mobile phone"));
    m_emailLabel->setText(tr("E-mail (optional)"));
    m_childrenLabel->setText(tr("Of them, children"));
    m_vehiclesLabel->setText(tr("Vehicles"));
    m_name->setPlaceholderText(tr("e.g. Kim Minji"));
    m_phone->setPlaceholderText(tr("e.g. 010-1234-5678"));
    m_email->setPlaceholderText(tr("for your confirmation"));
    m_plateLabel->setText(tr("Car plate (optional)"));
    m_plate->setPlaceholderText(tr("e.g. 12가3456"));
    m_consentText->setText(tr("Send me booking messages (confirmation, cancellation)"));
    m_consent->setAccessibleName(m_consentText->text());
    m_back->setText(tr("Back"));
    m_next->setText(tr("Next"));
}

} // namespace campdesk
