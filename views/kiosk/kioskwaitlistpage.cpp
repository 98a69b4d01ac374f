#include "kioskwaitlistpage.h"

#include "core/languagemanager.h"
#include "domain/customerservice.h"

#include <QBoxLayout>
#include <QFormLayout>
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
    m_error = makeLabel(QStringLiteral("kioskWaitlistError"), QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_thanks = makeLabel(QStringLiteral("kioskWaitlistThanks"), QStringLiteral("subtitle"));
    m_thanks->setWordWrap(true);
    m_thanks->hide();

    auto* form = new QFormLayout;
    form->setVerticalSpacing(20);
    form->setHorizontalSpacing(32);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_phoneLabel, m_phone);
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
    for (QWidget* w :
         std::initializer_list<QWidget*> { m_intro, m_nameLabel, m_phoneLabel, m_name, m_phone, m_back, m_join })
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
    setError(QString());
    for (QWidget* w :
         std::initializer_list<QWidget*> { m_intro, m_nameLabel, m_phoneLabel, m_name, m_phone, m_back, m_join })
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
    m_intro->setText(tr("No site is free for these dates now. Leave your name and mobile number: if a site frees up, "
                        "we hold it for you and send you a text message with a booking code to pay at the front desk "
                        "or here."));
    m_nameLabel->setText(tr("Name"));
    m_phoneLabel->setText(tr("Mobile phone"));
    m_name->setPlaceholderText(tr("e.g. Kim Minji"));
    m_phone->setPlaceholderText(tr("e.g. 010-1234-5678"));
    m_thanks->setText(tr("You are on the waitlist. We will send you a text message if a site frees up for your "
                         "dates."));
    m_back->setText(tr("Back"));
    m_join->setText(tr("Join the waitlist"));
    m_done->setText(tr("Done"));
}

} // namespace campdesk
