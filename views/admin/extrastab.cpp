#include "extrastab.h"

#include "core/money.h"
#include "dialogs/fieldmessage.h"
#include "dialogs/numberedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace campdesk {

ExtrasTab::ExtrasTab(std::unique_ptr<ExtrasService> extras, std::function<qint64()> maxPrice, const Actor& actor,
                     QWidget* parent)
    : QWidget(parent)
    , m_extras(std::move(extras))
    , m_maxPrice(std::move(maxPrice))
    , m_actor(actor)
    , m_list(new QTableWidget(0, 5, this))
    , m_name(new QLineEdit(this))
    , m_unit(new QComboBox(this))
    , m_price(new NumberEdit(this))
    , m_stock(new NumberEdit(this))
    , m_sortOrder(new NumberEdit(this))
    , m_kiosk(new QCheckBox(tr("Sold at the kiosk too"), this))
    , m_active(new QCheckBox(tr("Offered"), this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(tr("&Save extra"), this))
{
    setObjectName(QStringLiteral("extrasTab"));
    m_list->setObjectName(QStringLiteral("extrasList"));
    m_list->setHorizontalHeaderLabels({ tr("Name"), tr("Priced"), tr("Price"), tr("Stock"), tr("Kiosk") });
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->verticalHeader()->hide();
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* add = new QPushButton(tr("New extra"), this);
    add->setObjectName(QStringLiteral("newExtra"));
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addWidget(add, 0, Qt::AlignLeft);

    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(60); // longer than allowed, so the editor can say so
    m_unit->setObjectName(QStringLiteral("unit"));
    for (const QString& unit : extraUnitCodes())
        m_unit->addItem(extraUnitName(unit), unit);
    m_price->setObjectName(QStringLiteral("unitPrice"));
    m_price->setRange(0, m_maxPrice());
    m_stock->setObjectName(QStringLiteral("stock"));
    m_stock->setRange(0, ExtrasService::maxStock);
    m_stock->setPlaceholderText(tr("Unlimited"));
    m_sortOrder->setObjectName(QStringLiteral("sortOrder"));
    m_sortOrder->setRange(0, 999);
    m_sortOrder->setEmptyValue(0);
    m_kiosk->setObjectName(QStringLiteral("kiosk"));
    m_active->setObjectName(QStringLiteral("active"));
    m_message->setObjectName(QStringLiteral("extraMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_save->setObjectName(QStringLiteral("saveExtra"));

    auto row = [this](QWidget* field, const QString& unit = QString()) {
        auto* r = new FieldMessage(field, this, unit);
        m_rows.append(r);
        return r;
    };
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name"), row(m_name));
    //: how an extra is priced: per stay, per night, per unit
    form->addRow(tr("Priced"), row(m_unit));
    form->addRow(tr("Price"), row(m_price, tr("won")));
    //: how many are left to sell; empty = unlimited
    form->addRow(tr("Stock"), row(m_stock));
    form->addRow(tr("Order in lists"), row(m_sortOrder));
    form->addRow(QString(), m_kiosk);
    form->addRow(QString(), m_active);
    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_message, 1);
    saveRow->addWidget(m_save);
    auto* editor = new QGroupBox(tr("Extra"), this);
    auto* editorLayout = new QVBoxLayout(editor);
    editorLayout->addLayout(form);
    auto* hint = new QLabel(tr("Stock counts items per booking, not per night: a booking takes them when it is made "
                               "and gives them back when it is cancelled, unless staff marked them consumed."),
                            editor);
    hint->setWordWrap(true);
    editorLayout->addWidget(hint);
    editorLayout->addStretch(1);
    editorLayout->addLayout(saveRow);

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addWidget(editor, 2);

    connect(m_list, &QTableWidget::currentCellChanged, this, [this](int r) {
        if (r >= 0 && r < m_items.size())
            show(m_items.at(r));
    });
    connect(add, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        show(Extra {});
        m_name->setFocus();
    });
    for (QLineEdit* edit : std::initializer_list<QLineEdit*> { m_name, m_price, m_stock, m_sortOrder })
        connect(edit, &QLineEdit::textChanged, this, &ExtrasTab::revalidate);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &ExtrasTab::revalidate);
    connect(m_save, &QPushButton::clicked, this, &ExtrasTab::save);
    refresh();
    show(Extra {});
}

ExtrasTab::~ExtrasTab() = default;

void ExtrasTab::refresh()
{
    Result<QList<Extra>> items = m_extras->list();
    m_items = items.ok() ? items.value() : QList<Extra>();
    if (!items.ok())
        m_message->setText(items.error().message);
    const QSignalBlocker block(m_list);
    m_list->setRowCount(int(m_items.size()));
    for (int r = 0; r < m_items.size(); ++r) {
        const Extra& e = m_items.at(r);
        auto* name = new QTableWidgetItem(e.active ? e.name : tr("%1 (not offered)").arg(e.name));
        m_list->setItem(r, 0, name);
        m_list->setItem(r, 1, new QTableWidgetItem(extraUnitName(e.unit)));
        auto* price = new QTableWidgetItem(formatWon(e.unitPrice));
        price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_list->setItem(r, 2, price);
        m_list->setItem(r, 3, new QTableWidgetItem(e.stock ? QString::number(*e.stock) : tr("Unlimited")));
        m_list->setItem(r, 4, new QTableWidgetItem(e.kiosk ? tr("Yes") : tr("No")));
        if (e.id == m_id)
            m_list->selectRow(r);
    }
}

void ExtrasTab::show(const Extra& extra)
{
    m_id = extra.id;
    m_name->setText(extra.name);
    m_unit->setCurrentIndex(std::max(0, m_unit->findData(extra.unit)));
    m_price->setText(extra.id == 0 ? QString() : QString::number(extra.unitPrice));
    m_stock->setText(extra.stock ? QString::number(*extra.stock) : QString());
    m_sortOrder->setText(QString::number(extra.sortOrder));
    m_kiosk->setChecked(extra.kiosk);
    m_active->setChecked(extra.active);
    m_message->clear();
    revalidate();
}

Extra ExtrasTab::edited() const
{
    Extra e;
    e.id = m_id;
    e.name = m_name->text();
    e.unit = m_unit->currentData().toString();
    e.unitPrice = m_price->number().value_or(-1);
    if (!m_stock->text().trimmed().isEmpty()) // empty: unlimited; out of int range: refused as "stock"
        e.stock = int(std::clamp<qint64>(m_stock->number().value_or(-1), -1, qint64(ExtrasService::maxStock) + 1));
    e.sortOrder = int(m_sortOrder->value().value_or(0));
    e.kiosk = m_kiosk->isChecked();
    e.active = m_active->isChecked();
    return e;
}

void ExtrasTab::revalidate()
{
    QHash<QString, QString> problems;
    for (NumberEdit* edit : { m_price, m_stock, m_sortOrder }) {
        if (edit == m_stock && m_stock->text().trimmed().isEmpty())
            continue; // unlimited
        if (const QString p = edit->problem(); !p.isEmpty())
            problems.insert(edit->objectName(), p);
    }
    const Status valid = ExtrasService::validate(edited(), m_maxPrice());
    if (!valid.ok() && !problems.contains(valid.error().field))
        problems.insert(valid.error().field, valid.error().message);
    for (FieldMessage* row : m_rows)
        row->setMessage(problems.value(row->field()->objectName()));
    m_save->setEnabled(problems.isEmpty());
}

void ExtrasTab::save()
{
    Result<Extra> saved = m_extras->save(m_actor, edited());
    if (!saved.ok()) {
        bool shown = false;
        for (FieldMessage* row : m_rows) {
            if (row->field()->objectName() == saved.error().field) {
                row->setMessage(saved.error().message);
                shown = true;
            }
        }
        if (!shown)
            m_message->setText(saved.error().message);
        return;
    }
    m_id = saved->id;
    refresh();
    show(saved.value());
}

} // namespace campdesk
