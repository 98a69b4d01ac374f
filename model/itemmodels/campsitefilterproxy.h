#pragma once

#include <QSortFilterProxyModel>

namespace campdesk {

// Sorts CampsiteTableModel by raw values and filters it by free text (code, name, zone, kind) and status.
class CampsiteFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CampsiteFilterProxy(QObject* parent = nullptr);

    void setText(const QString& text);
    // A status key ("active", "maintenance", "retired"), or empty for every status.
    void setStatus(const QString& statusKey);
    QString status() const { return m_status; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QString m_status;
};

} // namespace campdesk
