#pragma once

#include <QObject>
#include <QSet>

class QTableView;

namespace campdesk {

// Sizes a table's columns to their contents and then to the table's width, so the office screen (1024 or 1366
// wide) never needs a horizontal scroll bar for a table: free-text columns (names, notes) give up width first and
// elide (their tooltip shows all of it), the status and key columns keep theirs. Refits when the table is shown
// or resized, until the user drags a column (or their own layout was restored): then their widths stay.
class ColumnFitter final : public QObject
{
    Q_OBJECT
public:
    // freeText: columns that may shrink first; keep: columns that never shrink (status, codes).
    // measure: false keeps the widths the page set (from samples, for big tables) as what each column wants.
    ColumnFitter(QTableView* view, QSet<int> freeText, QSet<int> keep = {}, bool measure = true);
    // Columns that give up width second, down to their header (kinds, phone numbers, times).
    void setSecondary(QSet<int> secondary) { m_secondary = std::move(secondary); }
    // Columns that are read whole or not at all (amounts: "70,00…" is a wrong number): they give up width only when
    // every other column is down to its last few letters.
    void setWhole(QSet<int> whole) { m_whole = std::move(whole); }
    // Columns that give up width after the others and before the whole ones: dates (their delegate writes a shorter
    // form when narrow) and phone numbers.
    void setLate(QSet<int> late) { m_late = std::move(late); }

    void fit();
    // Attaches a fitter that reads the columns' kinds from a PagedQueryModel (Text shrinks, Status keeps).
    static ColumnFitter* forPagedView(QTableView* view);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void schedule();

    QTableView* m_view;
    QSet<int> m_freeText;
    QSet<int> m_keep;
    QSet<int> m_secondary;
    QSet<int> m_whole;
    QSet<int> m_late;
    bool m_measure = true;
    QList<int> m_wanted;
    bool m_fitting = false;
    bool m_userSized = false;
    bool m_scheduled = false;
};

} // namespace campdesk
