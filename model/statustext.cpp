#include "statustext.h"

#include "campsite.h"

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
    }
    return key;
}

} // namespace campdesk
