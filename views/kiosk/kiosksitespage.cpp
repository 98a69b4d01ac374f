#include "kiosksitespage.h"

#include "core/languagemanager.h"

#include <QBoxLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScroller>

namespace campdesk {

KioskSitesPage::KioskSitesPage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_scroll(new QScrollArea(this))
    , m_cardsHolder(new QWidget)
    , m_grid(new QGridLayout(m_cardsHolder))
{
    setObjectName(QStringLiteral("kioskSitesPage"));
    m_summary = makeLabel(QStringLiteral("kioskSitesSummary"), QStringLiteral("subtitle"));
    m_summary->setWordWrap(true);
    m_notice = makeLabel(QStringLiteral("kioskSitesNotice"), QStringLiteral("notice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    m_empty = makeLabel(QStringLiteral("kioskSitesEmpty"), QStringLiteral("subtitle"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->hide();
    m_grid->setSpacing(20);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_cardsHolder->setObjectName(QStringLiteral("kioskCards"));
    m_scroll->setWidget(m_cardsHolder);
    m_scroll->viewport()->setAutoFillBackground(false);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QScroller::grabGesture(m_scroll->viewport(), QScroller::LeftMouseButtonGesture);
    content()->addWidget(m_summary);
    content()->addWidget(m_notice);
    content()->addWidget(m_empty);
    content()->addWidget(m_scroll, 1);

    m_back = makeButton(QStringLiteral("kioskSitesBack"));
    navigation()->addWidget(m_back);
    navigation()->addStretch();
    connect(m_back, &QPushButton::clicked, this, &KioskSitesPage::back);
    retranslate();
}

void KioskSitesPage::setOffers(const QList<KioskSiteOffer>& offers, const QDate& checkIn, const QDate& checkOut,
                               int guests)
{
    // A card may be the sender of the click that led here: let the event loop delete it.
    for (KioskSiteCard* card : std::as_const(m_cards)) {
        m_grid->removeWidget(card);
        card->hide();
        card->deleteLater();
    }
    m_cards.clear();
    m_offers = offers;
    m_checkIn = checkIn;
    m_checkOut = checkOut;
    m_guests = guests;
    for (const KioskSiteOffer& offer : offers) {
        auto* card = new KioskSiteCard(offer, m_language, m_cardsHolder);
        connect(card, &QPushButton::clicked, this, [this, offer] { emit siteChosen(offer); });
        m_cards.append(card);
    }
    m_columns = 0;
    layOutCards();
    m_empty->setVisible(offers.isEmpty());
    retranslate();
}

void KioskSitesPage::setLargestParty(int guests)
{
    m_largestParty = guests;
    retranslate();
}

void KioskSitesPage::layOutCards()
{
    // Two columns only where a card still has room for its name, kind and whole price side by side.
    const int columns = width() >= 1280 ? 2 : 1;
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (KioskSiteCard* card : std::as_const(m_cards))
        m_grid->removeWidget(card);
    for (int row = 0; row < m_grid->rowCount(); ++row)
        m_grid->setRowStretch(row, 0);
    int index = 0;
    for (KioskSiteCard* card : std::as_const(m_cards)) {
        m_grid->addWidget(card, index / columns, index % columns);
        ++index;
    }
    m_grid->setRowStretch((index + columns - 1) / columns, 1);
}

void KioskSitesPage::resizeEvent(QResizeEvent* event)
{
    KioskPage::resizeEvent(event);
    layOutCards();
}

void KioskSitesPage::setNotice(const QString& notice)
{
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

void KioskSitesPage::clear()
{
    setOffers({}, QDate(), QDate(), 0);
    m_empty->hide();
    setNotice(QString());
}

QList<KioskSiteCard*> KioskSitesPage::cards() const
{
    return m_cards;
}

void KioskSitesPage::retranslate()
{
    title()->setText(tr("Choose your site"));
    if (m_checkIn.isValid()) {
        const int nights = int(m_checkIn.daysTo(m_checkOut));
        m_summary->setText(tr("%1 – %2 · %3 · %4")
                               .arg(m_language.formatShortDate(m_checkIn), m_language.formatShortDate(m_checkOut),
                                    tr("%n night(s)", nullptr, nights), tr("%n guest(s)", nullptr, m_guests)));
    } else {
        m_summary->clear();
    }
    if (m_largestParty > 0 && m_guests > m_largestParty)
        m_empty->setText(tr("Our largest site takes %n guest(s). Please book one site for each part of your group, "
                            "or ask at the front desk.",
                            nullptr, m_largestParty));
    else
        m_empty->setText(tr("Sorry, no site is free for these dates and this many guests. Please try other dates."));
    m_back->setText(tr("Change dates"));
}

} // namespace campdesk
