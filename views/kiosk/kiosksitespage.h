#pragma once

#include "kioskpage.h"
#include "kiosksitecard.h"

#include <QDate>

class QGridLayout;
class QScrollArea;

namespace campdesk {

// Step 2: the sites free for the chosen dates and party size, as cards; tapping one chooses it.
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
    QList<KioskSiteCard*> cards() const;

signals:
    void back();
    void siteChosen(const campdesk::KioskSiteOffer& offer);

protected:
    void retranslate() override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void layOutCards();

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
};

} // namespace campdesk
