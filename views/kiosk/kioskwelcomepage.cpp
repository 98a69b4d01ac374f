#include "kioskwelcomepage.h"

#include "core/languagemanager.h"

#include <QBoxLayout>
#include <QButtonGroup>
#include <QLabel>
#include <QPushButton>

namespace campdesk {

KioskWelcomePage::KioskWelcomePage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
{
    setObjectName(QStringLiteral("kioskWelcomePage"));
    title()->setAlignment(Qt::AlignCenter);
    m_subtitle = makeLabel(QStringLiteral("kioskWelcomeSubtitle"), QStringLiteral("subtitle"));
    m_subtitle->setAlignment(Qt::AlignCenter);
    m_subtitle->setWordWrap(true);

    auto* languages = new QHBoxLayout;
    languages->addStretch();
    auto* group = new QButtonGroup(this);
    for (const QString& code : LanguageManager::languages()) {
        QPushButton* button = makeButton(QStringLiteral("kioskLanguage_%1").arg(code), QStringLiteral("language"));
        button->setText(LanguageManager::nativeName(code));
        button->setCheckable(true);
        button->setChecked(code == m_language.language());
        group->addButton(button);
        languages->addWidget(button);
        connect(button, &QPushButton::clicked, this, [this, code] { emit languageRequested(code); });
    }
    languages->addStretch();
    connect(&m_language, &LanguageManager::languageChanged, this, [this](const QString& code) {
        if (auto* button = findChild<QPushButton*>(QStringLiteral("kioskLanguage_%1").arg(code)))
            button->setChecked(true);
    });

    m_book = makeButton(QStringLiteral("kioskBookButton"), QStringLiteral("big"));
    m_find = makeButton(QStringLiteral("kioskFindButton"), QStringLiteral("big"));
    auto* actions = new QHBoxLayout;
    actions->setSpacing(40);
    actions->addWidget(m_book, 1);
    actions->addWidget(m_find, 1);
    m_hint = makeLabel(QStringLiteral("kioskWelcomeHint"), QStringLiteral("hint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);

    content()->addLayout(languages);
    content()->addStretch(1);
    content()->addWidget(m_subtitle);
    content()->addSpacing(24);
    content()->addLayout(actions);
    content()->addStretch(2);
    content()->addWidget(m_hint);
    connect(m_book, &QPushButton::clicked, this, &KioskWelcomePage::bookRequested);
    connect(m_find, &QPushButton::clicked, this, &KioskWelcomePage::findRequested);
    retranslate();
}

void KioskWelcomePage::retranslate()
{
    title()->setText(tr("Welcome to the campground"));
    m_subtitle->setText(tr("Book a campsite for tonight or later, and pay right here."));
    m_book->setText(tr("Book a site"));
    m_find->setText(tr("My booking"));
    m_hint->setText(tr("Touch a button to start. Need help? Please ask at the front desk."));
}

} // namespace campdesk
