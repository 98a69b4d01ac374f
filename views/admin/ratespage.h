#pragma once

#include "core/actor.h"
#include "domain/campsiteservice.h"
#include "domain/extras.h"
#include "domain/rateplanservice.h"
#include "page.h"

#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace campdesk {

class EventBus;
class ExtrasTab;
class FieldMessage;
class NumberEdit;

// Rates (manager only): seasons with their weekday / weekend / holiday prices per site kind (and for single sites,
// which win over their kind) and minimum stays, the holiday calendar, closed dates, extra-person and vehicle fees,
// each site's base guest count, and a preview of the nightly prices they give for a site, a month and a party. What is
// wrong is said under the field it is about, and nothing is saved while anything is wrong.
class RatesPage final : public Page
{
    Q_OBJECT
public:
    // extras: the Extras tab's catalogue (none: no tab).
    RatesPage(std::unique_ptr<RatePlanService> rates, CampsiteService& campsites, const Actor& actor,
              QWidget* parent = nullptr, std::unique_ptr<ExtrasService> extras = nullptr);
    ~RatesPage() override;

    void refresh() override;
    Season season() const; // as edited
    QTabWidget* tabs() const { return m_tabs; }
    ExtrasTab* extrasTab() const { return m_extrasTab; }

public slots:
    void saveSeason();
    void updatePreview();

private:
    QWidget* buildSeasons();
    QWidget* buildHolidays();
    QWidget* buildClosed();
    QWidget* buildOccupancy();
    QWidget* buildPreview();
    void showSeason(const Season& season);
    // The row of a site's own prices in the season table, or -1; adding one appends it (empty) after the kinds.
    int sitePriceRow(qint64 siteId) const;
    int addSitePriceRow(qint64 siteId);
    void revalidateSeason();
    void showSeasonError(const Error& error);
    void loadHolidays();
    void loadClosed();
    void loadOccupancy();
    void saveOccupancy();

    std::unique_ptr<RatePlanService> m_rates;
    CampsiteService& m_campsites;
    Actor m_actor;
    QList<Season> m_seasons;
    QList<Campsite> m_sites;
    QTabWidget* m_tabs;
    ExtrasTab* m_extrasTab = nullptr;

    QListWidget* m_seasonList = nullptr;
    QLineEdit* m_seasonName = nullptr;
    QComboBox* m_band = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    NumberEdit* m_minWeekday = nullptr;
    NumberEdit* m_minWeekend = nullptr;
    QTableWidget* m_prices = nullptr;
    QComboBox* m_sitePriceSite = nullptr;
    QPushButton* m_removeSitePrice = nullptr;
    QLabel* m_seasonMessage = nullptr;
    QPushButton* m_saveSeason = nullptr;
    QPushButton* m_removeSeason = nullptr;
    qint64 m_seasonId = 0;
    QList<FieldMessage*> m_seasonRows;

    QTableWidget* m_holidays = nullptr;
    QDateEdit* m_holidayDay = nullptr;
    QLineEdit* m_holidayName = nullptr;
    FieldMessage* m_holidayRow = nullptr;

    QTableWidget* m_closed = nullptr;
    QDateEdit* m_closedFrom = nullptr;
    QDateEdit* m_closedTo = nullptr;
    QLineEdit* m_closedReason = nullptr;
    FieldMessage* m_closedRow = nullptr;

    QTableWidget* m_fees = nullptr;
    QTableWidget* m_bases = nullptr;
    QLabel* m_occupancyMessage = nullptr;

    QComboBox* m_previewSite = nullptr;
    QDateEdit* m_previewMonth = nullptr;
    QSpinBox* m_previewGuests = nullptr;
    QSpinBox* m_previewChildren = nullptr;
    QSpinBox* m_previewVehicles = nullptr;
    QTableWidget* m_preview = nullptr;
    QLabel* m_previewMessage = nullptr;
};

} // namespace campdesk
