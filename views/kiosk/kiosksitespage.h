#pragma once

#include "kioskpage.h"
#include "kioskphotocache.h"
#include "kiosksitecard.h"

#include <QDate>

class QGridLayout;
class QScrollArea;

namespace campdesk {

class SiteMapService;
class SitePhotoService;
class SiteMapView;

// Step 2: the sites free for the chosen dates and party size, as cards (with the site's first photo); tapping one
// chooses it. With a site map, "Map" shows them on the campground's picture: only free sites can be chosen there.
class KioskSitesPage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskSitesPage(LanguageManager& language, QWidget* parent = nullptr);

    void setOffers(const QList<KioskSiteOffer>& offers, const QDate& checkIn, const QDate& checkOut, int guests);
    // A notice above the cards, e.g. "the site you chose was just taken"; empty hides it.
    void setNotice(const QString& notice);
    void clear() override;
    // The most guests any site takes: a larger party is told so instead of "no site free".
    void setLargestParty(int guests);
    // Whether "Join the waitlist" is offered when no site is free (a kiosk with the waitlist).
    void setWaitlistEnabled(bool enabled);
    QList<KioskSiteCard*> cards() const;
    // Where the map and the card photos come from; either may be null (no map toggle, icons on the cards).
    void setServices(SiteMapService* siteMap, SitePhotoService* photos);
    // The map instead of the cards (when there is a map with a free site on it).
    void showMap(bool map);
    bool mapShown() const { return m_showMap; }
    bool mapAvailable() const;
    SiteMapView* mapView() const { return m_map; }
    const KioskPhotoCache& photoCache() const { return m_photos; }

signals:
    void back();
    void siteChosen(const campdesk::KioskSiteOffer& offer);
    void joinWaitlist(); // nothing free: the customer asks to be told when a site frees up

protected:
    void retranslate() override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void layOutCards();
    void updateMap();
    void onMarkerTapped(qint64 campsiteId);
    void updateWaitlistButton();

    QList<KioskSiteOffer> m_offers;
    QDate m_checkIn;
    QDate m_checkOut;
    int m_guests = 0;
    QLabel* m_summary;
    QLabel* m_notice;
    QLabel* m_empty;
    QScrollArea* m_scroll;
    QWidget* m_cardsHolder;
    QGridLayout* m_grid;
    QList<KioskSiteCard*> m_cards;
    int m_columns = 0;
    int m_largestParty = 0;
    QPushButton* m_back;
    QPushButton* m_joinWaitlist = nullptr;
    bool m_waitlistEnabled = false;
    QPushButton* m_mapToggle;
    QWidget* m_mapHolder;
    SiteMapView* m_map;
    QList<QLabel*> m_mapLegend;
    SiteMapService* m_siteMap = nullptr;
    KioskPhotoCache m_photos;
    qint64 m_pictureVersion = -1;
    bool m_showMap = false;
};

} // namespace campdesk
