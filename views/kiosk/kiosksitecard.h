#pragma once

#include "domain/campsite.h"

#include <QPushButton>

class QLabel;

namespace campdesk {

class LanguageManager;

// What the kiosk offers for the chosen dates: a free site, its price for the whole stay and its rating.
struct KioskSiteOffer
{
    Campsite site;
    qint64 total = 0; // won, all nights
    int reviewCount = 0;
    double rating = 0; // average stars, 0 without reviews
};

// One free site as a big tappable card: kind icon, name, kind, price for the stay, amenities and rating.
class KioskSiteCard final : public QPushButton
{
    Q_OBJECT
public:
    KioskSiteCard(const KioskSiteOffer& offer, LanguageManager& language, QWidget* parent = nullptr);

    const KioskSiteOffer& offer() const { return m_offer; }
    static QString iconPath(CampsiteKind kind);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    KioskSiteOffer m_offer;
    LanguageManager& m_language;
    QLabel* m_name;
    QLabel* m_kind;
    QLabel* m_price;
    QLabel* m_amenities;
    QLabel* m_rating;
};

} // namespace campdesk
