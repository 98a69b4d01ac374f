#pragma once

#include "domain/kiosksession.h"

#include <QPushButton>

class QLabel;

namespace campdesk {

class LanguageManager;

// One free site as a big tappable card: kind icon, name, kind, price for the stay, amenities and rating.
class KioskSiteCard final : public QPushButton
{
    Q_OBJECT
public:
    KioskSiteCard(const KioskSiteOffer& offer, LanguageManager& language, QWidget* parent = nullptr);

    const KioskSiteOffer& offer() const { return m_offer; }
    // Shows the site's photo instead of its kind's icon.
    void setPhoto(const QPixmap& photo);
    bool hasPhoto() const { return m_hasPhoto; }
    static QString iconPath(CampsiteKind kind);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    KioskSiteOffer m_offer;
    LanguageManager& m_language;
    QLabel* m_icon;
    bool m_hasPhoto = false;
    QLabel* m_name;
    QLabel* m_kind;
    QLabel* m_price;
    QLabel* m_amenities;
    QLabel* m_rating;
};

} // namespace campdesk
