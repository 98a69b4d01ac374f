#pragma once

#include "core/actor.h"
#include "domain/extras.h"

#include <QWidget>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace campdesk {

class FieldMessage;
class NumberEdit;

// The Rates page's Extras tab (manager only): the catalogue in a list (name, unit, price, stock, kiosk, active) and an
// editor beside it. What is wrong is said under its field and Save stays disabled while anything is.
class ExtrasTab final : public QWidget
{
    Q_OBJECT
public:
    ExtrasTab(std::unique_ptr<ExtrasService> extras, std::function<qint64()> maxPrice, const Actor& actor,
              QWidget* parent = nullptr);
    ~ExtrasTab() override;

    void refresh();
    Extra edited() const;

public slots:
    void save();

private:
    void show(const Extra& extra);
    void revalidate();

    std::unique_ptr<ExtrasService> m_extras;
    std::function<qint64()> m_maxPrice;
    Actor m_actor;
    QList<Extra> m_items;
    qint64 m_id = 0;

    QTableWidget* m_list;
    QLineEdit* m_name;
    QComboBox* m_unit;
    NumberEdit* m_price;
    NumberEdit* m_stock;
    NumberEdit* m_sortOrder;
    QCheckBox* m_kiosk;
    QCheckBox* m_active;
    QLabel* m_message;
    QPushButton* m_save;
    QList<FieldMessage*> m_rows;
};

} // namespace campdesk
