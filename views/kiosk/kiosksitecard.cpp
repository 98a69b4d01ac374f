#include "kiosksitecard.h"

#include "core/languagemanager.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace campdesk {

namespace {
QLabel* cardLabel(QWidget* parent, const QString& role)
{
    auto* label = new QLabel(parent);
    label->setProperty("role", role);
    label->setAttribute(Qt::WA_TransparentForMouseEvents);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText); // site names and amenities are typed by staff
    return label;
}
} // namespace

KioskSiteCard::KioskSiteCard(const KioskSiteOffer& offer, LanguageManager& language, QWidget* parent)
    : QPushButton(parent)
    , m_offer(offer)
    , m_language(language)
{
    setObjectName(QStringLiteral("siteCard_%1").arg(offer.site.code));
    setProperty("role", QStringLiteral("card"));
    setMinimumSize(360, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);

    auto* icon = m_icon = cardLabel(this, QStringLiteral("cardIcon"));
    icon->setPixmap(QIcon(iconPath(offer.site.kind)).pixmap(88, 88));
    icon->setFixedSize(96, 96);
    icon->setObjectName(QStringLiteral("cardIcon"));
    icon->setProperty("iconPath", iconPath(offer.site.kind));
    icon->setAlignment(Qt::AlignCenter);
    m_name = cardLabel(this, QStringLiteral("cardName"));
    m_kind = cardLabel(this, QStringLiteral("cardKind"));
    m_kind->setObjectName(QStringLiteral("cardKind"));
    m_price = cardLabel(this, QStringLiteral("cardPrice"));
    m_price->setObjectName(QStringLiteral("cardPrice"));
    m_price->setWordWrap(false); // a price is never cut or broken: the name and details wrap instead
    m_price->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    m_amenities = cardLabel(this, QStringLiteral("cardDetail"));
    m_rating = cardLabel(this, QStringLiteral("cardRating"));

    auto* text = new QVBoxLayout;
    text->setSpacing(6);
    text->addWidget(m_name);
    text->addWidget(m_kind);
    text->addWidget(m_amenities);
    text->addWidget(m_rating);
    text->addStretch();
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(20, 16, 20, 16);
    row->setSpacing(20);
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addLayout(text, 1);
    row->addWidget(m_price, 0, Qt::AlignVCenter | Qt::AlignRight);
    retranslate();
}

void KioskSiteCard::setPhoto(const QPixmap& photo)
{
    if (photo.isNull())
        return;
    m_icon->setPixmap(photo);
    m_icon->setFixedSize(photo.size());
    m_hasPhoto = true;
}

QString KioskSiteCard::iconPath(CampsiteKind kind)
{
    return QStringLiteral(":/icons/kind-%1.svg").arg(campsiteKindKey(kind));
}

void KioskSiteCard::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QPushButton::changeEvent(event);
}

void KioskSiteCard::retranslate()
{
    const Campsite& site = m_offer.site;
    m_name->setText(tr("%1 · %2").arg(site.code, site.name));
    m_kind->setText(tr("%1 · up to %n guest(s)", nullptr, site.maxGuests).arg(campsiteKindName(site.kind)));
    m_price->setText(m_language.formatMoney(m_offer.total));
    m_amenities->setText(site.amenities.join(QStringLiteral(" · ")));
    m_amenities->setVisible(!site.amenities.isEmpty());
    if (m_offer.reviewCount > 0) {
        const int stars = qRound(m_offer.rating);
        m_rating->setText(QString(stars, QChar(0x2605)) + QString(5 - stars, QChar(0x2606)) + QLatin1Char(' ')
                          + tr("%1 (%n review(s))", nullptr, m_offer.reviewCount)
                                .arg(m_language.locale().toString(m_offer.rating, 'f', 1)));
    } else {
        m_rating->setText(tr("No reviews yet"));
    }
    setAccessibleName(tr("%1, %2, %3").arg(site.name, campsiteKindName(site.kind), m_price->text()));
}

} // namespace campdesk
