#pragma once

#include <QElapsedTimer>
#include <QString>

namespace campdesk {

// A one-line progress bar on stderr for long command-line jobs; a plain line per step when not on a terminal.
class ProgressBar
{
public:
    explicit ProgressBar(bool quiet = false);
    void start(const QString& phase, qint64 total);
    void advance(qint64 done);
    void finish();

private:
    void draw(bool force);

    bool m_quiet;
    bool m_tty;
    QString m_phase;
    qint64 m_total = 0;
    qint64 m_done = 0;
    qint64 m_lastDrawMs = -1000;
    QElapsedTimer m_phaseTimer;
};

} // namespace campdesk
