#include "kiosksitespage.h"

#include "core/languagemanager.h"
#include "domain/sitemapservice.h"
#include "sitemapview.h"

#include <QBoxLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScroller>

namespace campdesk {

KioskSitesPage::KioskSitesPage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_scroll(new QScrollArea(this))
    , m_cardsHolder(new QWidget)
    , m_grid(new QGridLayout(m_cardsHolder))
    , m_mapHolder(new QWidget(this))
    , m_map(new SiteMapView(m_mapHolder))
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
    m_joinWaitlist = makeButton(QStringLiteral("kioskSitesJoinWaitlist"), QStringLiteral("primary"));
    m_joinWaitlist->hide();
    connect(m_joinWaitlist, &QPushButton::clicked, this, &KioskSitesPage::joinWaitlist);
    content()->addWidget(m_joinWaitlist, 0, Qt::AlignHCenter);
    content()->addWidget(m_scroll, 1);

    // The map: finger-sized markers, a legend that says in words what the colours and shapes mean.
    m_mapHolder->setObjectName(QStringLiteral("kioskSiteMap"));
    m_map->setMarkerRadius(26);
    auto* mapLayout = new QVBoxLayout(m_mapHolder);
    mapLayout->setContentsMargins(0, 0, 0, 0);
    mapLayout->addWidget(m_map, 1);
    auto* legend = new QHBoxLayout;
    for (bool free : { true, false }) {
        QPixmap swatch(30, 30);
        swatch.fill(Qt::transparent);
        QPainter painter(&swatch);
        SiteMapView::drawMarker(painter, QPointF(15, 15), 12, free ? SiteMapState::Free : SiteMapState::Occupied, free);
        painter.end();
        auto* icon = new QLabel(m_mapHolder);
        icon->setPixmap(swatch);
        auto* text = makeLabel(free ? QStringLiteral("kioskMapLegendFree") : QStringLiteral("kioskMapLegendTaken"),
                               QStringLiteral("subtitle"));
        m_mapLegend << text;
        legend->addWidget(icon);
        legend->addWidget(text);
        legend->addSpacing(24);
    }
    legend->addStretch();
    mapLayout->addLayout(legend);
    m_mapHolder->hide();
    content()->addWidget(m_mapHolder, 1);
    connect(m_map, &SiteMapView::markerClicked, this, &KioskSitesPage::onMarkerTapped);

    m_back = makeButton(QStringLiteral("kioskSitesBack"));
    m_mapToggle = makeButton(QStringLiteral("kioskMapToggle"));
    m_mapToggle->hide();
    navigation()->addWidget(m_back);
    navigation()->addStretch();
    navigation()->addWidget(m_mapToggle);
    connect(m_back, &QPushButton::clicked, this, &KioskSitesPage::back);
    connect(m_mapToggle, &QPushButton::clicked, this, [this] { showMap(!m_showMap); });
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
    if (!offers.isEmpty())
        m_photos.refresh();
    for (const KioskSiteOffer& offer : offers) {
        auto* card = new KioskSiteCard(offer, m_language, m_cardsHolder);
        card->setPhoto(m_photos.cardPhoto(offer.site.id));
        connect(card, &QPushButton::clicked, this, [this, offer] { emit siteChosen(offer); });
        m_cards.append(card);
    }
    m_columns = 0;
    layOutCards();
    m_empty->setVisible(offers.isEmpty());
    updateMap();
    retranslate();
    updateWaitlistButton();
}

void KioskSitesPage::setWaitlistEnabled(bool enabled)
{
    m_waitlistEnabled = enabled;
    updateWaitlistButton();
}

void KioskSitesPage::updateWaitlistButton()
{
    // Only when the dates are the problem: a party larger than any site is told to split up instead.
    const bool tooLarge = m_largestParty > 0 && m_guests > m_largestParty;
    m_joinWaitlist->setVisible(m_waitlistEnabled && m_offers.isEmpty() && m_checkIn.isValid() && !tooLarge);
}

void KioskSitesPage::setServices(SiteMapService* siteMap, SitePhotoService* photos)
{
    m_siteMap = siteMap;
    m_photos.setService(photos);
}

bool KioskSitesPage::mapAvailable() const
{
    if (!m_map->hasPicture())
        return false;
    for (const SiteMapView::Marker& marker : m_map->markers()) {
        if (marker.enabled)
            return true;
    }
    return false;
}

// The picture (read again only when it changed) and the placed sites: the offered ones can be chosen, the others
// are drawn grey so the guest sees where the free ones are.
void KioskSitesPage::updateMap()
{
    QList<SiteMapView::Marker> markers;
    if (m_siteMap && !m_offers.isEmpty()) {
        Result<qint64> version = m_siteMap->mapImageUpdatedAt();
        if (version.ok() && version.value() != m_pictureVersion) {
            Result<std::optional<SiteMapImage>> image = m_siteMap->mapImage();
            if (image.ok()) {
                m_map->setPicture(image.value() ? QImage::fromData(image.value()->bytes) : QImage());
                m_pictureVersion = version.value();
            }
        }
        // The markers alone: reading every site's state tonight cost 160 ms on a fresh connection at a million
        // bookings, and the kiosk shows none of it.
        Result<QList<SiteMapEntry>> sites = m_siteMap->placedSites();
        if (sites.ok()) {
            for (const SiteMapEntry& e : sites.value()) {
                bool offered = false;
                for (const KioskSiteOffer& offer : std::as_const(m_offers))
                    offered = offered || offer.site.id == e.campsiteId;
                SiteMapView::Marker m;
                m.campsiteId = e.campsiteId;
                m.code = e.code;
                m.x = e.x;
                m.y = e.y;
                // Only "free for your dates" or not: today's state of other guests is none of the kiosk's business.
                m.state = offered ? SiteMapState::Free : SiteMapState::Occupied;
                m.enabled = offered;
                markers << m;
            }
        }
    }
    m_map->setMarkers(markers);
    if (!mapAvailable())
        m_showMap = false;
    showMap(m_showMap);
}

void KioskSitesPage::showMap(bool map)
{
    m_showMap = map && mapAvailable();
    m_mapToggle->setVisible(mapAvailable());
    m_mapHolder->setVisible(m_showMap);
    m_scroll->setVisible(!m_showMap);
    retranslate();
}

void KioskSitesPage::onMarkerTapped(qint64 campsiteId)
{
    for (const KioskSiteOffer& offer : std::as_const(m_offers)) {
        if (offer.site.id == campsiteId) {
            emit siteChosen(offer);
            return;
        }
    }
    for (const SiteMapView::Marker& marker : m_map->markers()) {
        if (marker.campsiteId == campsiteId)
            setNotice(tr("Site %1 is not free for your dates. Please choose a green round one.").arg(marker.code));
    }
}

void KioskSitesPage::setLargestParty(int guests)
{
    m_largestParty = guests;
    retranslate();
    updateWaitlistButton();
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
    m_showMap = false;
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
    m_joinWaitlist->setText(tr("Join the waitlist for these dates"));
    m_mapToggle->setText(m_showMap ? tr("Show as list") : tr("Show on map"));
    if (m_mapLegend.size() == 2) {
        m_mapLegend.at(0)->setText(tr("Free for your dates: tap to choose"));
        m_mapLegend.at(1)->setText(tr("Not available"));
    }
}

} // namespace campdesk
