#include "domain/statustext.h"

#include "core/actor.h"
#include "domain/campsite.h"
#include "domain/paymentattention.h"
#include "domain/siteblockservice.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <functional>

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
        if (key == QLatin1String("no_show"))
            return tr("No-show");
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
    } else if (domain == QLatin1String("audit")) {
        return auditAction(key);
    } else if (domain == QLatin1String("auditDetails")) {
        return auditDetails(key);
    } else if (domain == QLatin1String("cancelReason")) {
        return cancelReason(key);
    } else if (domain == QLatin1String("auditTarget")) {
        // Older rows name a row in English ("reservation 12"); the number is what matters.
        static const QRegularExpression numbered(QStringLiteral("^(reservation|review) ([0-9]+)$"));
        if (const QRegularExpressionMatch m = numbered.match(key); m.hasMatch())
            return m.captured(1) == QLatin1String("review") ? tr("Review #%1").arg(m.captured(2))
                                                            : tr("Booking #%1").arg(m.captured(2));
        if (key.startsWith(QLatin1String("user:")))
            return tr("User %1").arg(key.mid(5));
        if (key == QLatin1String("booking"))
            return tr("Booking rules");
        if (key == QLatin1String("campground"))
            return tr("Campground");
        if (key == QLatin1String("phone"))
            return tr("Phone");
    } else if (domain == QLatin1String("language")) {
        if (key == QLatin1String("ko"))
            return tr("Korean");
        if (key == QLatin1String("en"))
            return tr("English");
    }
    return key;
}

QString StatusText::code(const QString& code, const QVariantList& args)
{
    QJsonObject o { { QStringLiteral("code"), code } };
    if (!args.isEmpty())
        o.insert(QStringLiteral("args"), QJsonArray::fromVariantList(args));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString StatusText::withValue(const QString& coded, const QString& key, const QVariant& value)
{
    QJsonObject o = QJsonDocument::fromJson(coded.toUtf8()).object();
    o.insert(key, QJsonValue::fromVariant(value));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString StatusText::auditAction(const QString& key)
{
    static const QHash<QString, const char*> names {
        { QStringLiteral("login"), QT_TR_NOOP("Logged in") },
        { QStringLiteral("login.failed"), QT_TR_NOOP("Login failed") },
        { QStringLiteral("login.refused_locked"), QT_TR_NOOP("Login refused (locked)") },
        { QStringLiteral("login.lockout"), QT_TR_NOOP("Account locked") },
        { QStringLiteral("user.create"), QT_TR_NOOP("User created") },
        { QStringLiteral("user.role"), QT_TR_NOOP("Role changed") },
        { QStringLiteral("user.activate"), QT_TR_NOOP("User activated") },
        { QStringLiteral("user.deactivate"), QT_TR_NOOP("User deactivated") },
        { QStringLiteral("user.reset_password"), QT_TR_NOOP("Password reset") },
        { QStringLiteral("user.change_password"), QT_TR_NOOP("Password changed") },
        { QStringLiteral("campsite.register"), QT_TR_NOOP("Campsite registered") },
        { QStringLiteral("campsite.modify"), QT_TR_NOOP("Campsite changed") },
        { QStringLiteral("campsite.retire"), QT_TR_NOOP("Campsite retired") },
        { QStringLiteral("campsite.delete"), QT_TR_NOOP("Campsite deleted") },
        { QStringLiteral("customer.register"), QT_TR_NOOP("Customer registered") },
        { QStringLiteral("customer.modify"), QT_TR_NOOP("Customer changed") },
        { QStringLiteral("reservation.confirm"), QT_TR_NOOP("Booking paid") },
        { QStringLiteral("reservation.cancel"), QT_TR_NOOP("Booking cancelled") },
        { QStringLiteral("group.book"), QT_TR_NOOP("Group booking paid") },
        { QStringLiteral("group.cancel"), QT_TR_NOOP("Group booking cancelled") },
        { QStringLiteral("reservation.check_in"), QT_TR_NOOP("Checked in") },
        { QStringLiteral("reservation.check_out"), QT_TR_NOOP("Checked out") },
        { QStringLiteral("reservation.no_show"), QT_TR_NOOP("Marked no-show") },
        { QStringLiteral("reservation.undo_check_in"), QT_TR_NOOP("Check-in undone") },
        { QStringLiteral("reservation.undo_check_out"), QT_TR_NOOP("Check-out undone") },
        { QStringLiteral("site_block.add"), QT_TR_NOOP("Site blocked") },
        { QStringLiteral("site_block.remove"), QT_TR_NOOP("Site block removed") },
        { QStringLiteral("reservation.details"), QT_TR_NOOP("Guest details changed") },
        { QStringLiteral("review.create"), QT_TR_NOOP("Review written") },
        { QStringLiteral("review.hide"), QT_TR_NOOP("Review hidden") },
        { QStringLiteral("review.show"), QT_TR_NOOP("Review shown") },
        { QStringLiteral("review.delete"), QT_TR_NOOP("Review deleted") },
        { QStringLiteral("mileage.adjust"), QT_TR_NOOP("Points adjusted") },
        { QStringLiteral("notification.retry"), QT_TR_NOOP("Notification retried") },
        { QStringLiteral("settings.booking_rules"), QT_TR_NOOP("Booking rules changed") },
        { QStringLiteral("settings.campground"), QT_TR_NOOP("Campground details changed") },
        { QStringLiteral("kiosk.pin_set"), QT_TR_NOOP("Kiosk PIN set") },
        { QStringLiteral("kiosk.exit"), QT_TR_NOOP("Kiosk exited") },
        { QStringLiteral("kiosk.pin_failed"), QT_TR_NOOP("Wrong kiosk PIN") },
        { QStringLiteral("kiosk.pin_lockout"), QT_TR_NOOP("Kiosk PIN locked") },
        { QStringLiteral("kiosk.pin_refused_locked"), QT_TR_NOOP("Kiosk PIN refused (locked)") },
        { QStringLiteral("payment.amount_mismatch"), QT_TR_NOOP("Payment amount differs") },
        { QStringLiteral("payment.needs_attention"), QT_TR_NOOP("Payment needs attention") },
        { QStringLiteral("payment.retry_failed"), QT_TR_NOOP("Payment retry failed") },
        { QStringLiteral("payment.attention_cleared"), QT_TR_NOOP("Payment attention cleared") },
        { QStringLiteral("payment.retry_requested"), QT_TR_NOOP("Payment retry asked") },
        { QStringLiteral("kiosk.code_sent"), QT_TR_NOOP("Kiosk sent a one-time code") },
        { QStringLiteral("kiosk.code_wrong"), QT_TR_NOOP("Wrong one-time code at the kiosk") },
        { QStringLiteral("kiosk.phone_verified"), QT_TR_NOOP("Phone verified at the kiosk") },
        { QStringLiteral("payment.refund_claim_released"), QT_TR_NOOP("Refund claim released") },
    };
    const char* name = names.value(key);
    return name ? tr(name) : key;
}

QString StatusText::auditDetails(const QString& details)
{
    const QLocale locale;
    if (details.startsWith(QLatin1Char('{'))) {
        const QJsonObject o = QJsonDocument::fromJson(details.toUtf8()).object();
        const QString code = o.value(QStringLiteral("code")).toString();
        const QJsonArray args = o.value(QStringLiteral("args")).toArray();
        // An argument may be a code of its own (a reason inside an attempt), rendered the same way.
        auto arg = [&](int i) {
            const QString text = args.at(i).toVariant().toString();
            return text.startsWith(QLatin1Char('{')) ? auditDetails(text) : text;
        };
        auto number = [&](int i) { return locale.toString(args.at(i).toVariant().toLongLong()); };
        auto won = [&](int i) { return tr("%1 won").arg(number(i)); };
        if (code == QLatin1String("login.unknown_user"))
            return tr("Unknown user");
        if (code == QLatin1String("login.deactivated"))
            return tr("Account deactivated");
        if (code == QLatin1String("login.wrong_password"))
            return tr("Wrong password (%1 of %2)").arg(number(0), number(1));
        if (code == QLatin1String("login.locked_until"))
            return tr("Locked until %1")
                .arg(locale.toString(QDateTime::fromString(arg(0), Qt::ISODate).toLocalTime(), QLocale::ShortFormat));
        if (code == QLatin1String("lockout"))
            return tr("Lockout %1, for %2 s").arg(number(0), number(1));
        if (code == QLatin1String("kiosk.pin_accepted"))
            return tr("Manager PIN accepted");
        if (code == QLatin1String("kiosk.pin_failure"))
            return tr("Failure %1 of %2").arg(number(0), number(1));
        if (code == QLatin1String("notification.last_error"))
            return tr("Last error: %1").arg(arg(0));
        if (code == QLatin1String("mileage.adjust"))
            return tr("%1 points: %2").arg(number(0), arg(1));
        if (code == QLatin1String("cancel.refund")) {
            // refund, days before check-in, percent, less for points spent, the staff's reason for an override;
            // "spent": points that could not be taken back (the balance stopped at 0).
            QString text = tr("Refund %1 (%n day(s) before check-in, %2%)", nullptr, args.at(1).toInt())
                               .arg(number(0), number(2));
            if (args.at(3).toInteger() > 0)
                text += QStringLiteral("; ") + tr("less %1 for points already spent").arg(number(3));
            if (!arg(4).isEmpty())
                text += QStringLiteral("; ") + tr("changed by staff: %1").arg(arg(4));
            if (const qint64 spent = o.value(QStringLiteral("spent")).toInteger(); spent > 0)
                text += QStringLiteral("; ")
                    + tr("%1 points already spent, balance set to 0").arg(locale.toString(spent));
            return text;
        }
        if (code == QLatin1String("cancel.by_payment")) {
            QString text = args.at(1).toBool() ? tr("Payment %1 cancelled at the payment service").arg(arg(0))
                                               : tr("Payment %1 cancelled").arg(arg(0));
            if (const qint64 spent = o.value(QStringLiteral("spent")).toInteger(); spent > 0)
                text += QStringLiteral("; ")
                    + tr("%1 points already spent, balance set to 0").arg(locale.toString(spent));
            return text;
        }
        // A date argument ("2026-12-03"), in the reader's short date format.
        auto day = [&](int i) { return locale.toString(QDate::fromString(arg(i), Qt::ISODate), QLocale::ShortFormat); };
        if (code == QLatin1String("no_show.summary")) {
            // refund, nights freed, from, points taken back, points the booking earned
            QString text = tr("Refund %1, %n night(s) freed from %2, %3 points taken back", nullptr, args.at(1).toInt())
                               .arg(won(0), day(2), number(3));
            if (args.at(3).toInteger() < args.at(4).toInteger())
                text += QStringLiteral("; ") + tr("%1 points earned, the rest already spent").arg(number(4));
            return text;
        }
        if (code == QLatin1String("site_block")) // kind, from, to (exclusive: the day it opens again), reason
            return tr("%1 from %2, open again on %3: %4")
                .arg(SiteBlockService::kindName(arg(0)), day(1), day(2), arg(3));
        if (code == QLatin1String("undo.nights_restored")) // nights, from, until (exclusive)
            return tr("%n night(s) from %1 held again (until %2)", nullptr, args.at(0).toInt()).arg(day(1), day(2));
        if (code == QLatin1String("payment.claim_released"))
            return tr("A refund of %1 was asked but not made: the payment service still holds the payment").arg(won(0));
        if (code == QLatin1String("payment.retry_now"))
            return tr("Next try now");
        if (code == QLatin1String("payment.retry_failed"))
            return tr("Try %1: %2").arg(number(0), arg(1));
        if (code == QLatin1String("payment.still_unsettled"))
            return tr("Still neither booked nor cancelled");
        if (code == QLatin1String("payment.amount_mismatch"))
            return tr("The payment service approved %1; the booking is %2").arg(won(0), won(1));
        if (code == QLatin1String("payment.refund_differs"))
            return tr("Asked %1 back; the payment service refunded %2").arg(won(0), won(1));
        if (code == QLatin1String("cancel.part_failed")) // refund, booking code
            return tr("Booking %1 is being cancelled; %2 of its refund did not go through").arg(arg(1), won(0));
        if (code == QLatin1String("change.refund_failed")) // refund, booking code
            return tr("Booking %1 was changed; its refund of %2 did not go through").arg(arg(1), won(0));
        if (code == QLatin1String("attention.flagged")) {
            const std::optional<AttentionReason> reason = attentionReasonFromKey(arg(0));
            return tr("%1: %2").arg(reason ? attentionReasonName(*reason) : arg(0), arg(1));
        }
        if (code == QLatin1String("attention.refunded_on_retry"))
            return tr("Refunded %1 on a retry").arg(won(0));
        if (code == QLatin1String("attention.settled"))
            return tr("Settled: the payment is now %1").arg(name(QStringLiteral("payment"), arg(0)));
        if (code == QLatin1String("attention.settled_by_hand"))
            return tr("Settled by hand: %1").arg(arg(0));
        if (!code.isEmpty())
            return code; // a code this build does not know yet: still readable, and searchable
        return details; // other JSON (settings payloads) is data, shown as stored
    }
    // Rows written before codes: the sentences older versions stored, shown in the language of the screen.
    struct Legacy
    {
        QRegularExpression pattern;
        std::function<QString(const QRegularExpressionMatch&)> render;
    };
    static const QList<Legacy> legacy {
        { QRegularExpression(QStringLiteral("^unknown user$")), [](auto&) { return tr("Unknown user"); } },
        { QRegularExpression(QStringLiteral("^account deactivated$")),
          [](auto&) { return tr("Account deactivated"); } },
        { QRegularExpression(QStringLiteral("^manager PIN accepted$")),
          [](auto&) { return tr("Manager PIN accepted"); } },
        { QRegularExpression(QStringLiteral("^wrong password \\(([0-9]+) of ([0-9]+)\\)$")),
          [](auto& m) { return tr("Wrong password (%1 of %2)").arg(m.captured(1), m.captured(2)); } },
        { QRegularExpression(QStringLiteral("^failure ([0-9]+) of ([0-9]+)$")),
          [](auto& m) { return tr("Failure %1 of %2").arg(m.captured(1), m.captured(2)); } },
        { QRegularExpression(QStringLiteral("^lockout ([0-9]+) for ([0-9]+) s$")),
          [](auto& m) { return tr("Lockout %1, for %2 s").arg(m.captured(1), m.captured(2)); } },
        { QRegularExpression(QStringLiteral("^next try now$")), [](auto&) { return tr("Next try now"); } },
        { QRegularExpression(QStringLiteral("^attempt ([0-9]+): still neither booked nor cancelled$")),
          [](auto& m) { return tr("Try %1: %2").arg(m.captured(1), tr("Still neither booked nor cancelled")); } },
        { QRegularExpression(QStringLiteral("^payment (\\S+) cancelled( at the gateway)?$")),
          [](auto& m) {
              return m.captured(2).isEmpty() ? tr("Payment %1 cancelled").arg(m.captured(1))
                                             : tr("Payment %1 cancelled at the payment service").arg(m.captured(1));
          } },
        { QRegularExpression(QStringLiteral("^last error: (.*)$")),
          [](auto& m) { return tr("Last error: %1").arg(m.captured(1)); } },
        { QRegularExpression(QStringLiteral("^refund ([0-9]+) \\(([0-9-]+) days before, ([0-9]+)%\\)(.*)$")),
          [](auto& m) {
              QString text = tr("Refund %1 (%2 days before, %3%)")
                                 .arg(QLocale().toString(m.captured(1).toLongLong()), m.captured(2), m.captured(3));
              static const QRegularExpression less(QStringLiteral("less ([0-9]+) for points already spent"));
              if (const QRegularExpressionMatch l = less.match(m.captured(4)); l.hasMatch())
                  text += QStringLiteral("; ")
                      + tr("less %1 for points already spent").arg(QLocale().toString(l.captured(1).toLongLong()));
              static const QRegularExpression spent(QStringLiteral("([0-9]+) points already spent, balance set to 0"));
              if (const QRegularExpressionMatch p = spent.match(m.captured(4)); p.hasMatch())
                  text += QStringLiteral("; ")
                      + tr("%1 points already spent, balance set to 0")
                            .arg(QLocale().toString(p.captured(1).toLongLong()));
              return text;
          } },
    };
    for (const Legacy& l : legacy) {
        if (const QRegularExpressionMatch m = l.pattern.match(details); m.hasMatch())
            return l.render(m);
    }
    if (const QString method = name(QStringLiteral("method"), details); method != details)
        return method; // reservation.confirm stores the payment method's key
    if (const auto role = roleFromName(details))
        return roleDisplayName(*role); // user.create and user.role store the role's key
    return details;
}

QString StatusText::cancelReason(const QString& reason)
{
    if (reason == QLatin1String("customer_cancelled") || reason == QLatin1String("customer cancelled"))
        return tr("Cancelled by the customer");
    if (reason == QLatin1String("expired"))
        return tr("The hold expired");
    if (reason == QLatin1String("abandoned"))
        return tr("Payment abandoned");
    if (reason == QLatin1String("compensated"))
        return tr("Payment undone");
    if (reason.startsWith(QLatin1String("payment failed: ")))
        return tr("Payment failed: %1").arg(reason.mid(16));
    return reason; // what staff typed, in their words
}

} // namespace campdesk
