#include "domain/statustext.h"

#include "core/actor.h"
#include "domain/campsite.h"

namespace campdesk {

QString StatusText::name(const QString& domain, const QString& key)
{
    if (domain == QLatin1String("reservation")) {
        if (key == QLatin1String("held"))
            return tr("Held");
        if (key == QLatin1String("confirmed"))
            return tr("Paid");
        if (key == QLatin1String("checked_in"))
            return tr("Checked in");
        if (key == QLatin1String("checked_out"))
            return tr("Checked out");
        if (key == QLatin1String("cancelled"))
            return tr("Cancelled");
        if (key == QLatin1String("expired"))
            return tr("Expired");
    } else if (domain == QLatin1String("payment")) {
        if (key == QLatin1String("pending"))
            return tr("Awaiting payment");
        if (key == QLatin1String("approved"))
            return tr("Approved");
        if (key == QLatin1String("cancelled"))
            return tr("Payment cancelled");
        if (key == QLatin1String("failed"))
            return tr("Failed");
    } else if (domain == QLatin1String("campsite")) {
        if (const auto status = campsiteStatusFromKey(key))
            return campsiteStatusName(*status);
    } else if (domain == QLatin1String("notification")) {
        if (key == QLatin1String("pending"))
            return tr("Waiting");
        if (key == QLatin1String("sent"))
            return tr("Sent");
        if (key == QLatin1String("dead"))
            return tr("Failed for good");
    } else if (domain == QLatin1String("review")) {
        if (key == QLatin1String("visible"))
            return tr("Visible");
        if (key == QLatin1String("hidden"))
            return tr("Hidden");
    } else if (domain == QLatin1String("role")) {
        if (const auto role = roleFromName(key))
            return roleDisplayName(*role);
    } else if (domain == QLatin1String("channel")) {
        if (key == QLatin1String("kiosk"))
            return tr("Kiosk");
        if (key == QLatin1String("desk"))
            return tr("Front desk");
    } else if (domain == QLatin1String("method")) {
        if (key == QLatin1String("cash"))
            return tr("Cash");
        if (key == QLatin1String("desk_card"))
            return tr("Card machine");
        if (key == QLatin1String("card"))
            return tr("Card");
        if (key == QLatin1String("points"))
            return tr("Points");
    } else if (domain == QLatin1String("provider")) {
        if (key == QLatin1String("desk"))
            return tr("Front desk");
        if (key == QLatin1String("simulated"))
            return tr("Simulated terminal");
        if (key == QLatin1String("http"))
            return tr("Payment gateway");
    } else if (domain == QLatin1String("mileage")) {
        if (key == QLatin1String("payment"))
            return tr("Earned by a booking");
        if (key == QLatin1String("cancel"))
            return tr("Booking cancelled");
        if (key == QLatin1String("review"))
            return tr("Earned by a review");
        if (key == QLatin1String("review_deleted"))
            return tr("Review deleted");
        if (key == QLatin1String("redeem"))
            return tr("Redeemed");
        if (key == QLatin1String("adjust"))
            return tr("Adjusted by staff");
    } else if (domain == QLatin1String("language")) {
        if (key == QLatin1String("ko"))
            return tr("Korean");
        if (key == QLatin1String("en"))
            return tr("English");
    }
    return key;
}

} // namespace campdesk
