#include "kioskwaitlistpage.h"

#include "core/languagemanager.h"
#include "domain/customerservice.h"

#include <QBoxLayout>
#include <QButtonGroup>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace campdesk {

KioskWaitlistPage::KioskWaitlistPage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_name(new QLineEdit(this))
    , m_phone(new QLineEdit(this))
{
    setObjectName(QStringLiteral("kioskWaitlistPage"));
    m_summary = makeLabel(QStringLiteral("kioskWaitlistSummary"), QStringLiteral("subtitle"));
    m_intro = makeLabel(QStringLiteral("kioskWaitlistIntro"), QStringLiteral("hint"));
    m_intro->setWordWrap(true);
    m_name->setObjectName(QStringLiteral("kioskWaitlistName"));
    m_name->setMaxLength(60);
    m_phone->setObjectName(QStringLiteral("kioskWaitlistPhone"));
    m_phone->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    m_phone->setMaxLength(20);
    m_nameLabel = makeLabel(QStringLiteral("kioskWaitlistNameLabel"), QStringLiteral("fieldLabel"));
    m_phoneLabel = makeLabel(QStringLiteral("kioskWaitlistPhoneLabel"), QStringLiteral("fieldLabel"));
    // The kind of site: touch-sized choices, three to a row so that the English names fit at 1024 px.
    m_kindLabel = makeLabel(QStringLiteral("kioskWaitlistKindLabel"), QStringLiteral("fieldLabel"));
    m_kinds = new QWidget(this);
    m_kinds->setObjectName(QStringLiteral("kioskWaitlistKinds"));
    m_kindGroup = new QButtonGroup(this);
    auto* kindGrid = new QGridLayout(m_kinds);
    kindGrid->setContentsMargins(0, 0, 0, 0);
    kindGrid->setSpacing(6);
    QList<int> kindIds { 0 };
    for (CampsiteKind kind : allCampsiteKinds())
        kindIds << int(kind) + 1;
    for (int i = 0; i < kindIds.size(); ++i) {
        QPushButton* choice = makeButton(kindIds.at(i) == 0 ? QStringLiteral("kioskWaitlistKind_any")
                                                            : QStringLiteral("kioskWaitlistKind_")
                                                 + campsiteKindKey(CampsiteKind(kindIds.at(i) - 1)),
                                         QStringLiteral("choice"));
        choice->setCheckable(true);
        m_kindGroup->addButton(choice, kindIds.at(i));
        kindGrid->addWidget(choice, i / 3, i % 3);
    }
    m_kindGroup->button(0)->setChecked(true);
    m_error = makeLabel(QStringLiteral("kioskWaitlistError"), QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_thanks = makeLabel(QStringLiteral("kioskWaitlistThanks"), QStringLiteral("subtitle"));
    m_thanks->setWordWrap(true);
    m_thanks->hide();

    auto* form = new QFormLayout;
    form->setVerticalSpacing(10); // the kinds' two rows must fit under the fields at 768 px
    form->setHorizontalSpacing(32);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_phoneLabel, m_phone);
    form->addRow(m_kindLabel, m_kinds);
    content()->addWidget(m_summary);
    content()->addWidget(m_intro);
    content()->addLayout(form);
    content()->addWidget(m_error);
    content()->addWidget(m_thanks);
    content()->addStretch();

    m_back = makeButton(QStringLiteral("kioskWaitlistBack"));
    m_join = makeButton(QStringLiteral("kioskWaitlistJoin"), QStringLiteral("primary"));
    m_done = makeButton(QStringLiteral("kioskWaitlistDone"), QStringLiteral("primary"));
    m_done->hide();
    navigation()->addWidget(m_back);
    navigation()->addStretch();
    navigation()->addWidget(m_join);
    navigation()->addWidget(m_done);
    connect(m_back, &QPushButton::clicked, this, &KioskWaitlistPage::back);
    connect(m_join, &QPushButton::clicked, this, [this] {
        Customer c;
        c.name = name();
        c.phone = phone();
        if (Status valid = CustomerService::validate(c); !valid.ok()) {
            setError(valid.error().message);
            return;
        }
        setError(QString());
        emit join();
    });
    connect(m_done, &QPushButton::clicked, this, &KioskWaitlistPage::done);
    for (QLineEdit* field : { m_name, m_phone })
        connect(field, &QLineEdit::textChanged, this, &KioskWaitlistPage::validate);
    retranslate();
    validate();
}

void KioskWaitlistPage::setStay(const QDate& checkIn, const QDate& checkOut, int guests)
{
    m_checkIn = checkIn;
    m_checkOut = checkOut;
    m_guests = guests;
    retranslate();
}

QString KioskWaitlistPage::name() const
{
    return m_name->text().trimmed();
}

QString KioskWaitlistPage::phone() const
{
    return m_phone->text().trimmed();
}

std::optional<CampsiteKind> KioskWaitlistPage::kind() const
{
    const int id = m_kindGroup->checkedId();
    if (id <= 0)
        return std::nullopt;
    return CampsiteKind(id - 1);
}

void KioskWaitlistPage::setKind(std::optional<CampsiteKind> kind)
{
    m_kindGroup->button(kind ? int(*kind) + 1 : 0)->setChecked(true);
}

void KioskWaitlistPage::validate()
{
    m_join->setEnabled(!m_joined && !name().isEmpty() && CustomerService::normalizePhone(phone()).has_value());
}

void KioskWaitlistPage::setError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void KioskWaitlistPage::showJoined()
{
    m_joined = true;
    setError(QString());
    // What they typed goes from the screen at once: the next person at the kiosk sees none of it.
    m_name->clear();
    m_phone->clear();
    for (QWidget* w : std::initializer_list<QWidget*> { m_intro, m_nameLabel, m_phoneLabel, m_name, m_phone,
                                                        m_kindLabel, m_kinds, m_back, m_join })
        w->hide();
    m_thanks->show();
    m_done->show();
    retranslate();
}

void KioskWaitlistPage::clear()
{
    m_joined = false;
    m_name->clear();
    m_phone->clear();
    setKind(std::nullopt);
    setError(QString());
    for (QWidget* w : std::initializer_list<QWidget*> { m_intro, m_nameLabel, m_phoneLabel, m_name, m_phone,
                                                        m_kindLabel, m_kinds, m_back, m_join })
        w->show();
    m_thanks->hide();
    m_done->hide();
    setStay(QDate(), QDate(), 0);
    validate();
}

void KioskWaitlistPage::retranslate()
{
    title()->setText(tr("Join the waitlist"));
    if (m_checkIn.isValid()) {
        const int nights = int(m_checkIn.daysTo(m_checkOut));
        m_summary->setText(tr("%1 – %2 · %3 · %4")
                               .arg(m_language.formatShortDate(m_checkIn), m_language.formatShortDate(m_checkOut),
                                    tr("%n night(s)", nullptr, nights), tr("%n guest(s)", nullptr, m_guests)));
    } else {
        m_summary->clear();
    }
    m_intro->setText(tr("Nothing is free for these dates. If a site frees up, we hold it for you and text you a "
                        "booking code to pay here or at the front desk."));
    m_nameLabel->setText(tr("Name"));
    m_phoneLabel->setText(tr("Mobile phone"));
    m_kindLabel->setText(tr("Kind of site"));
    for (QAbstractButton* choice : m_kindGroup->buttons()) {
        const int id = m_kindGroup->id(choice);
        choice->setText(id == 0 ? tr("Any kind") : campsiteKindName(CampsiteKind(id - 1)));
    }
    m_name->setPlaceholderText(tr("e.g. Kim Minji"));
    m_phone->setPlaceholderText(tr("e.g. 010-1234-5678"));
    m_thanks->setText(tr("You are on the waitlist. We will send you a text message if a site frees up for your "
                         "dates."));
    m_back->setText(tr("Back"));
    m_join->setText(tr("Join the waitlist"));
    m_done->setText(tr("Done"));
}

} // namespace campdesk
