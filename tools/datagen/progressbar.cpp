#include "progressbar.h"

#include <cstdio>
#include <unistd.h>

namespace campdesk {

ProgressBar::ProgressBar(bool quiet)
    : m_quiet(quiet)
    , m_tty(isatty(fileno(stderr)) != 0)
{
}

void ProgressBar::start(const QString& phase, qint64 total)
{
    m_phase = phase;
    m_total = total;
    m_done = 0;
    m_lastDrawMs = -1000;
    m_phaseTimer.start();
    draw(true);
}

void ProgressBar::advance(qint64 done)
{
    m_done = done;
    draw(false);
}

void ProgressBar::finish()
{
    m_done = m_total;
    draw(true);
    if (!m_quiet && m_tty)
        std::fputc('\n', stderr);
}

void ProgressBar::draw(bool force)
{
    if (m_quiet)
        return;
    const qint64 now = m_phaseTimer.elapsed();
    // Redrawing costs a write to the terminal; five times a second is smooth enough.
    if (!force && now - m_lastDrawMs < (m_tty ? 200 : 5000))
        return;
    m_lastDrawMs = now;
    const double fraction = m_total > 0 ? double(m_done) / double(m_total) : 1.0;
    const int width = 30;
    const int filled = int(fraction * width);
    const QByteArray bar = QByteArray(filled, '#') + QByteArray(width - filled, '.');
    std::fprintf(stderr, "%s%-22s [%s] %3d%% %lld/%lld %.1f s%s", m_tty ? "\r" : "", m_phase.toUtf8().constData(),
                 bar.constData(), int(fraction * 100), static_cast<long long>(m_done), static_cast<long long>(m_total),
                 double(now) / 1000.0, m_tty ? "" : "\n");
    std::fflush(stderr);
}

} // namespace campdesk
