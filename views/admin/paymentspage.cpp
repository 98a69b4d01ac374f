#include "paymentspage.h"

#include "datatableview.h"
#include "domain/statustext.h"
#include "itemmodels/paymenttablemodel.h"

namespace campdesk {

PaymentsPage::PaymentsPage(PaymentTableModel* model, const Actor& actor, QWidget* parent)
    : TablePage(tr("Payments"), QStringLiteral("payments"), model, actor, parent)
    , m_model(static_cast<PaymentTableModel*>(view()->pagedModel()))
{
    addTextFilter(tr("Order, booking code, guest or phone"), [this](const QString& text) { m_model->setText(text); });
    QList<std::pair<QString, QString>> statuses { { tr("All payments"), QString() } };
    for (const char* key : { "approved", "pending", "cancelled", "failed" }) {
        const QString k = QLatin1String(key);
        statuses.append({ StatusText::name(QStringLiteral("payment"), k), k });
    }
    addStatusFilter(statuses, [this](const QString& key) { m_model->setStatus(key); });
    addDateRange([this](const QDate& from, const QDate& to) { m_model->setDateRange(from, to); });
}

} // namespace campdesk
