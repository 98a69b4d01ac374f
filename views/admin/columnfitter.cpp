#include "columnfitter.h"

#include "itemmodels/pagedquerymodel.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

namespace campdesk {

ColumnFitter::ColumnFitter(QTableView* view, QSet<int> freeText, QSet<int> keep, bool measure)
    : QObject(view)
    , m_view(view)
    , m_freeText(std::move(freeText))
    , m_keep(std::move(keep))
    , m_measure(measure)
{
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    view->setTextElideMode(Qt::ElideRight);
    view->setWordWrap(false);
    view->installEventFilter(this);
    connect(view->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int, int oldSize, int newSize) {
        if (m_fitting)
            return;
        if (oldSize == 0 || newSize == 0) { // a column shown or hidden: the others share its width anew
            schedule();
            return;
        }
        // A drag on the header (a button is down) is the user's; the page's own sizing is not.
        if (m_view->isVisible() && QGuiApplication::mouseButtons() != Qt::NoButton)
            m_userSized = true; // the user's own widths win from now on
    });
    if (QAbstractItemModel* model = view->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, &ColumnFitter::schedule);
        connect(model, &QAbstractItemModel::rowsInserted, this, &ColumnFitter::schedule);
    }
}

ColumnFitter* ColumnFitter::forPagedView(QTableView* view)
{
    // The first column (a booking code, a time) and the status keep their width; names and notes elide first;
    // kinds, phone numbers, times and counts next; amounts and dates last.
    QSet<int> freeText;
    QSet<int> keep { 0 };
    QSet<int> secondary;
    QSet<int> whole;
    QSet<int> late;
    if (auto* model = qobject_cast<PagedQueryModel*>(view->model())) {
        for (int c = 1; c < model->columnCount(); ++c) {
            switch (model->kindOf(c)) {
            case CellKind::Text:
                freeText << c;
                break;
            case CellKind::Status:
                keep << c;
                break;
            case CellKind::Key:
            case CellKind::DateTime:
            case CellKind::Number:
            case CellKind::Bool:
                secondary << c;
                break;
            case CellKind::Money:
                whole << c;
                break;
            case CellKind::Date: // DateDelegate drops the year first
            case CellKind::Phone: // "010-4000-0…" is no number to call
                late << c;
                break;
            default:
                break;
            }
        }
    }
    auto* fitter = new ColumnFitter(view, freeText, keep);
    fitter->setSecondary(secondary);
    fitter->setWhole(whole);
    fitter->setLate(late);
    return fitter;
}

bool ColumnFitter::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view && (event->type() == QEvent::Show || event->type() == QEvent::Resize))
        schedule();
    return QObject::eventFilter(watched, event);
}

void ColumnFitter::schedule()
{
    if (m_scheduled || m_userSized || m_view->property("layoutRestored").toBool())
        return;
    m_scheduled = true;
    // After the view's own show and layout: the viewport's width is known then.
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        fit();
    });
}

void ColumnFitter::fit()
{
    QAbstractItemModel* model = m_view->model();
    if (!model || m_userSized || !m_view->isVisible())
        return;
    QHeaderView* header = m_view->horizontalHeader();
    const int columns = model->columnCount();
    QList<int> width(columns, 0);
    QList<int> contents(columns, 0); // without the header: a kept column's floor ("Booking co…" over "CD-2AT7JE")
    int total = 0;
    for (int c = 0; c < columns; ++c) {
        if (m_view->isColumnHidden(c))
            continue;
        if (!m_measure) {
            if (m_wanted.size() != columns) { // the page's own widths, read once
                m_wanted.clear();
                for (int k = 0; k < columns; ++k)
                    m_wanted << m_view->columnWidth(k);
            }
            width[c] = m_wanted.at(c);
        } else {
            const int cells = static_cast<QAbstractItemView*>(m_view)->sizeHintForColumn(c);
            const int content = std::max(cells, header->sectionSizeHint(c));
            width[c] = std::clamp(content + 12, std::max(40, header->minimumSectionSize()), 320);
            contents[c] = std::clamp(cells + 12, std::max(40, header->minimumSectionSize()), width[c]);
        }
        total += width[c];
    }
    // Leave room for the vertical scroll bar even while it is hidden: rows arrive as the user scrolls.
    const int available = m_view->viewport()->width() - 2 // rounding of the last, stretched section
        - (m_view->verticalScrollBar()->isVisible() ? 0 : m_view->verticalScrollBar()->sizeHint().width());
    auto shrink = [&](auto floorOf) {
        int excess = total - available;
        if (excess <= 0)
            return;
        int room = 0;
        for (int c = 0; c < columns; ++c)
            room += std::max(0, width[c] - floorOf(c));
        if (room <= 0)
            return;
        for (int c = 0; c < columns; ++c) {
            const int give = std::max(0, width[c] - floorOf(c));
            const int cut = int((qint64(give) * std::min(excess, room) + room - 1) / room);
            width[c] -= cut;
            total -= cut;
        }
    };
    auto headerWidth = [&](int c) {
        return std::min(
            width[c],
            std::max(header->minimumSectionSize(),
                     header->fontMetrics().horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 16));
    };
    // Free text gives up width first (it elides; the tooltip has all of it), while its header can still be read ...
    shrink([&](int c) { return m_freeText.contains(c) ? std::max(64, headerWidth(c)) : width[c]; });
    // ... then the secondary ones, then every other column down to its header and then to its first letters, but
    // for the kept ones (code, status), the late ones (dates, phones) and the amounts. Then the kept ones down to
    // their values (their headers may be cut), the late ones (dates to "7 Dec"), and the amounts after all of them.
    shrink([&](int c) { return m_secondary.contains(c) ? headerWidth(c) : width[c]; });
    auto headerOrLess = [&](int c) {
        return std::min(
            width[c],
            std::max(48,
                     header->fontMetrics().horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 16));
    };
    const int smallest = std::max(40, header->minimumSectionSize());
    auto last = [&](int c) { return m_keep.contains(c) || m_whole.contains(c) || m_late.contains(c); };
    shrink([&](int c) { return last(c) ? width[c] : headerOrLess(c); });
    shrink([&](int c) { return last(c) ? width[c] : std::min(width[c], smallest); });
    shrink([&](int c) { return m_keep.contains(c) && contents[c] > 0 ? contents[c] : width[c]; });
    shrink([&](int c) { return m_late.contains(c) ? headerOrLess(c) : width[c]; });
    shrink([&](int c) { return m_keep.contains(c) ? width[c] : headerOrLess(c); });
    shrink([&](int c) { return m_keep.contains(c) ? width[c] : std::min(width[c], smallest); });
    m_fitting = true;
    for (int c = 0; c < columns; ++c) {
        if (!m_view->isColumnHidden(c))
            m_view->setColumnWidth(c, width[c]);
    }
    m_fitting = false;
}

} // namespace campdesk
