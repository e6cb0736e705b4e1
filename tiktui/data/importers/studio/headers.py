"""Header spellings of TikTok Studio exports, per interface language.

Studio translates its headers with the interface (Swedish ``Datum``,
``Videovisningar``; Portuguese ``Data``, ``Visualizações de vídeo``) and
changes them between versions (``Post time`` / ``Publishing time``), so the
importers never compare header text in code: they look it up here. Each
spelling maps to a language-independent column id; :mod:`.studio` decides a
file's kind from the set of ids. Adding a language or a variant is adding a
string below.

Lookup ignores case, accents, quotes, hyphens and all Unicode white space
(a real export ended a header with a non-breaking space), and a trailing
parenthesised unit (``Distribution (%)``).
"""

from __future__ import annotations

import re
import unicodedata

# Column ids (what a header means, whatever its language):
#   date            the row's day (Overview, FollowerHistory, FollowerActivity, Viewers)
#   time            the export moment in Content ("Time")
#   hour            hour of day in FollowerActivity
#   video_views, profile_views, likes, comments, shares, reached_audience
#   net_growth, new_followers, lost_followers
#   followers       total followers that day; followers_diff: TikTok's own (shifted) difference
#   active_followers
#   gender, territories, age, cities, distribution
#   viewers_total, viewers_new, viewers_returning
#   video_title, video_link, post_time
#   total_likes, total_comments, total_shares, total_views, saves
#   views_7d        "Views in the last 7 days": not a lifetime total, ignored
#   ignored:*       columns we know and deliberately drop (clicks, leads...)
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "date": ("Date", "Day"),
        "time": ("Time", "Export time", "Data time"),
        "hour": ("Hour", "Hours", "Time of day"),
        "video_views": ("Video Views", "Video view", "Views"),
        "profile_views": ("Profile Views", "Profile view", "Profile visits"),
        "likes": ("Likes", "Like"),
        "comments": ("Comments", "Comment"),
        "shares": ("Shares", "Share"),
        "reached_audience": ("Reached Audience", "Reached audiences", "Reach", "Accounts reached"),
        "net_growth": ("Net growth", "Net followers", "Net follower growth", "Follower growth"),
        "new_followers": ("New followers", "New follower", "Followers gained"),
        "lost_followers": ("Lost followers", "Lost follower", "Followers lost", "Unfollowers"),
        "followers": ("Followers", "Total followers", "Follower count", "Follower"),
        "followers_diff": (
            "Difference in followers from previous day",
            "Difference in followers from the previous day",
            "Difference from previous day",
            "Follower difference",
        ),
        "active_followers": ("Active followers", "Active follower", "Followers online"),
        "gender": ("Gender", "Sex"),
        "territories": (
            "Top territories",
            "Territories",
            "Territory",
            "Top countries",
            "Top countries/regions",
            "Country/Region",
            "Country",
            "Top locations",
            "Location",
            "Region",
        ),
        "age": ("Age", "Age range", "Ages", "Age group"),
        "cities": (
            "Top cities",
            "Cities",
            "City",
        ),
        "distribution": ("Distribution", "Percentage", "Percent"),
        "viewers_total": ("Total Viewers", "Viewers", "Unique viewers"),
        "viewers_new": ("New Viewers", "New viewer"),
        "viewers_returning": ("Returning Viewers", "Returning viewer"),
        "video_title": ("Video title", "Title", "Caption", "Video description", "Description"),
        "video_link": ("Video link", "Link", "Video URL", "URL", "Post link"),
        "post_time": (
            "Post time",
            "Publishing time",
            "Published time",
            "Publish time",
            "Posted time",
            "Posted on",
            "Post date",
            "Date posted",
            "Create time",
        ),
        "total_likes": ("Total likes",),
        "total_comments": ("Total comments",),
        "total_shares": ("Total shares",),
        "total_views": ("Total views", "Total video views", "Total plays"),
        "saves": (
            "Add to favorites",
            "Add to favourites",
            "Favorites",
            "Favourites",
            "Saves",
            "Total favorites",
            "Total saves",
        ),
        "views_7d": ("Views in the last 7 days", "Views in last 7 days", "Last 7 days views"),
        "ignored:phone_clicks": ("Phone number clicks", "Phone clicks", "Call clicks"),
        "ignored:leads": ("Leads", "Lead submissions"),
        "ignored:website_clicks": ("Website clicks", "Bio link clicks", "Link clicks"),
        "ignored:app_clicks": ("App download link clicks", "App download clicks"),
        "ignored:product_clicks": ("Product link clicks", "Product clicks"),
        "ignored:email_clicks": ("Email clicks", "Email button clicks"),
        "ignored:address_clicks": ("Address clicks", "Directions clicks"),
        "ignored:lead_clicks": ("Lead generation clicks", "Message clicks"),
    },
    "sv": {
        "date": ("Datum",),
        "time": ("Tid", "Tidpunkt"),
        "hour": ("Timme", "Timmar"),
        "video_views": ("Videovisningar", "Videovyer", "Visningar"),
        "profile_views": ("Profilvisningar", "Profilbesök"),
        "likes": ("Gilla-markeringar", "Gillamarkeringar", "Gilla"),
        "comments": ("Kommentarer",),
        "shares": ("Delningar", "Delat"),
        "reached_audience": ("Nådd publik", "Räckvidd"),
        "net_growth": ("Nettotillväxt", "Nettoökning"),
        "new_followers": ("Nya följare",),
        "lost_followers": ("Förlorade följare", "Tappade följare"),
        "followers": ("Följare", "Totalt antal följare"),
        "followers_diff": (
            "Skillnad i följare från föregående dag",
            "Skillnad i antal följare från föregående dag",
        ),
        "active_followers": ("Aktiva följare",),
        "gender": ("Kön",),
        "territories": (
            "Främsta territorier",
            "Toppterritorier",
            "Territorier",
            "Topplatser",
            "Främsta regioner",
        ),
        "age": ("Ålder", "Åldersgrupp"),
        "cities": (
            "Främsta städer",
            "Städer",
            "Stad",
        ),
        "distribution": ("Fördelning", "Andel"),
        "viewers_total": ("Totalt antal tittare", "Tittare totalt", "Tittare"),
        "viewers_new": ("Nya tittare",),
        "viewers_returning": ("Återkommande tittare",),
        "video_title": ("Videotitel", "Videons titel", "Titel"),
        "video_link": ("Videolänk", "Länk till video", "Länk"),
        "post_time": ("Publiceringstid", "Publiceringstidpunkt", "Inläggstid", "Publicerad"),
        "total_likes": ("Totalt antal gilla-markeringar", "Gilla-markeringar totalt"),
        "total_comments": ("Totalt antal kommentarer", "Kommentarer totalt"),
        "total_shares": ("Totalt antal delningar", "Delningar totalt"),
        "total_views": ("Totalt antal visningar", "Visningar totalt"),
        "saves": ("Lägg till i favoriter", "Favoriter", "Sparade"),
        "views_7d": ("Visningar de senaste 7 dagarna", "Visningar under de senaste 7 dagarna"),
        "ignored:phone_clicks": ("Klick på telefonnummer",),
        "ignored:leads": ("Leads", "Potentiella kunder"),
        "ignored:website_clicks": ("Klick på webbplats", "Webbplatsklick"),
    },
    "pt": {  # Brazil, and Portugal's spellings where they differ
        "date": ("Data", "Dia"),
        "time": ("Horário", "Tempo", "Hora da exportação"),
        "hour": ("Hora",),
        "video_views": (
            "Visualizações de vídeo",
            "Visualizações de vídeos",
            "Visualizações do vídeo",
            "Visualizações",
        ),
        "profile_views": (
            "Visualizações do perfil",
            "Visualizações de perfil",
            "Visitas ao perfil",
        ),
        "likes": ("Curtidas", "Gostos", "Gostei"),
        "comments": ("Comentários",),
        "shares": ("Compartilhamentos", "Partilhas", "Compartilhados"),
        "reached_audience": ("Público alcançado", "Audiência alcançada", "Alcance"),
        "net_growth": ("Crescimento líquido", "Crescimento real"),
        "new_followers": ("Novos seguidores",),
        "lost_followers": ("Seguidores perdidos",),
        "followers": ("Seguidores", "Total de seguidores"),
        "followers_diff": (
            "Diferença de seguidores em relação ao dia anterior",
            "Diferença nos seguidores em relação ao dia anterior",
            "Diferença de seguidores do dia anterior",
        ),
        "active_followers": ("Seguidores ativos", "Seguidores activos"),
        "gender": ("Gênero", "Género", "Sexo"),
        "territories": (
            "Principais territórios",
            "Principais regiões",
            "Territórios",
            "Principais países",
            "Principais locais",
        ),
        "age": ("Idade", "Faixa etária"),
        "cities": (
            "Principais cidades",
            "Cidades",
            "Cidade",
        ),
        "distribution": ("Distribuição", "Porcentagem", "Percentagem"),
        "viewers_total": ("Total de espectadores", "Espectadores totais", "Espectadores"),
        "viewers_new": ("Novos espectadores",),
        "viewers_returning": (
            "Espectadores recorrentes",
            "Espectadores que retornaram",
            "Espectadores que voltaram",
        ),
        "video_title": ("Título do vídeo", "Título"),
        "video_link": ("Link do vídeo", "Ligação do vídeo", "Link"),
        "post_time": (
            "Horário da publicação",
            "Hora da publicação",
            "Data de publicação",
            "Horário de publicação",
            "Publicado em",
        ),
        "total_likes": ("Total de curtidas", "Curtidas totais", "Total de gostos"),
        "total_comments": ("Total de comentários", "Comentários totais"),
        "total_shares": (
            "Total de compartilhamentos",
            "Compartilhamentos totais",
            "Total de partilhas",
        ),
        "total_views": ("Total de visualizações", "Visualizações totais"),
        "saves": ("Adicionar aos favoritos", "Favoritos", "Adicionados aos favoritos"),
        "views_7d": ("Visualizações nos últimos 7 dias",),
        "ignored:phone_clicks": ("Cliques no número de telefone", "Cliques no telefone"),
        "ignored:leads": ("Leads", "Clientes potenciais"),
        "ignored:website_clicks": ("Cliques no site", "Cliques no website"),
    },
    "es": {
        "date": ("Fecha", "Día"),
        "time": ("Tiempo", "Hora de exportación"),
        "hour": ("Hora",),
        "video_views": (
            "Visualizaciones de videos",
            "Visualizaciones de vídeos",
            "Visualizaciones de video",
            "Visualizaciones de vídeo",
            "Reproducciones de videos",
            "Visualizaciones",
        ),
        "profile_views": (
            "Visualizaciones del perfil",
            "Visitas al perfil",
            "Visualizaciones de perfil",
        ),
        "likes": ("Me gusta", "Me gustas"),
        "comments": ("Comentarios",),
        "shares": (
            "Veces compartido",
            "Veces compartidos",
            "Veces compartidas",
            "Compartidos",
            "Compartido",
        ),
        "reached_audience": ("Audiencia alcanzada", "Público alcanzado", "Alcance"),
        "net_growth": ("Crecimiento neto",),
        "new_followers": ("Nuevos seguidores", "Seguidores nuevos"),
        "lost_followers": ("Seguidores perdidos",),
        "followers": ("Seguidores", "Total de seguidores"),
        "followers_diff": (
            "Diferencia de seguidores respecto al día anterior",
            "Diferencia de seguidores con respecto al día anterior",
            "Diferencia en seguidores desde el día anterior",
        ),
        "active_followers": ("Seguidores activos",),
        "gender": ("Género", "Sexo"),
        "territories": (
            "Principales territorios",
            "Territorios principales",
            "Territorios",
            "Principales regiones",
            "Principales países",
            "Principales ubicaciones",
        ),
        "age": ("Edad", "Rango de edad"),
        "cities": (
            "Principales ciudades",
            "Ciudades",
            "Ciudad",
        ),
        "distribution": ("Distribución", "Porcentaje"),
        "viewers_total": ("Espectadores totales", "Total de espectadores", "Espectadores"),
        "viewers_new": ("Nuevos espectadores", "Espectadores nuevos"),
        "viewers_returning": (
            "Espectadores recurrentes",
            "Espectadores que regresan",
            "Espectadores que vuelven",
        ),
        "video_title": ("Título del video", "Título del vídeo", "Título"),
        "video_link": ("Enlace del video", "Enlace del vídeo", "Enlace al video", "Enlace"),
        "post_time": (
            "Hora de publicación",
            "Fecha de publicación",
            "Momento de publicación",
            "Publicado el",
        ),
        "total_likes": ("Total de me gusta", "Me gusta totales", "Total de Me gusta"),
        "total_comments": ("Total de comentarios", "Comentarios totales"),
        "total_shares": (
            "Total de veces compartido",
            "Total de compartidos",
            "Veces compartido totales",
        ),
        "total_views": ("Total de visualizaciones", "Visualizaciones totales"),
        "saves": ("Añadir a favoritos", "Agregar a favoritos", "Favoritos", "Añadidos a favoritos"),
        "views_7d": ("Visualizaciones en los últimos 7 días",),
        "ignored:phone_clicks": ("Clics en el número de teléfono", "Clics en el teléfono"),
        "ignored:leads": ("Clientes potenciales", "Leads"),
        "ignored:website_clicks": ("Clics en el sitio web", "Clics en la web"),
    },
    "fr": {
        "date": ("Date", "Jour"),
        "time": ("Temps", "Horodatage"),
        "hour": ("Heure",),
        "video_views": (
            "Vues de vidéos",
            "Vues des vidéos",
            "Vues de la vidéo",
            "Vues vidéo",
            "Vues",
        ),
        "profile_views": ("Vues du profil", "Vues de profil", "Visites du profil"),
        "likes": ("J'aime", "Mentions J'aime"),
        "comments": ("Commentaires",),
        "shares": ("Partages",),
        "reached_audience": ("Audience atteinte", "Public atteint", "Couverture"),
        "net_growth": ("Croissance nette",),
        "new_followers": ("Nouveaux abonnés", "Nouveaux followers"),
        "lost_followers": ("Abonnés perdus", "Followers perdus", "Désabonnements"),
        "followers": ("Abonnés", "Followers", "Nombre d'abonnés"),
        "followers_diff": (
            "Différence d'abonnés par rapport à la veille",
            "Différence d'abonnés par rapport au jour précédent",
            "Différence de followers par rapport au jour précédent",
        ),
        "active_followers": ("Abonnés actifs", "Followers actifs"),
        "gender": ("Genre", "Sexe"),
        "territories": (
            "Principaux territoires",
            "Territoires",
            "Principales régions",
            "Principaux pays",
            "Principaux emplacements",
        ),
        "age": ("Âge", "Tranche d'âge"),
        "cities": (
            "Principales villes",
            "Villes",
            "Ville",
        ),
        "distribution": ("Répartition", "Pourcentage"),
        "viewers_total": ("Total des spectateurs", "Nombre total de spectateurs", "Spectateurs"),
        "viewers_new": ("Nouveaux spectateurs",),
        "viewers_returning": (
            "Spectateurs récurrents",
            "Spectateurs réguliers",
            "Spectateurs de retour",
        ),
        "video_title": ("Titre de la vidéo", "Titre"),
        "video_link": ("Lien de la vidéo", "Lien vers la vidéo", "Lien"),
        "post_time": ("Heure de publication", "Date de publication", "Publié le"),
        "total_likes": ("Total des J'aime", "Nombre total de J'aime", "J'aime au total"),
        "total_comments": ("Total des commentaires", "Nombre total de commentaires"),
        "total_shares": ("Total des partages", "Nombre total de partages"),
        "total_views": ("Total des vues", "Nombre total de vues", "Vues au total"),
        "saves": ("Ajouter aux favoris", "Ajouts aux favoris", "Favoris"),
        "views_7d": ("Vues au cours des 7 derniers jours", "Vues des 7 derniers jours"),
        "ignored:phone_clicks": ("Clics sur le numéro de téléphone",),
        "ignored:leads": ("Prospects", "Leads"),
        "ignored:website_clicks": ("Clics sur le site Web", "Clics sur le site web"),
    },
    "de": {
        "date": ("Datum", "Tag"),
        "time": ("Zeit", "Zeitpunkt"),
        "hour": ("Stunde", "Uhrzeit"),
        "video_views": ("Videoaufrufe", "Video-Aufrufe", "Aufrufe"),
        "profile_views": ("Profilaufrufe", "Profil-Aufrufe", "Profilbesuche"),
        "likes": ("„Gefällt mir“-Angaben", "Gefällt mir-Angaben", "Gefällt mir"),
        "comments": ("Kommentare",),
        "shares": ("Geteilte Inhalte", "Teilen", "Geteilt", "Shares"),
        "reached_audience": ("Erreichtes Publikum", "Erreichte Zuschauer", "Reichweite"),
        "net_growth": ("Nettowachstum", "Nettozuwachs"),
        "new_followers": ("Neue Follower",),
        "lost_followers": ("Verlorene Follower",),
        "followers": ("Follower gesamt", "Anzahl der Follower"),
        "followers_diff": (
            "Unterschied der Follower zum Vortag",
            "Differenz der Follower zum Vortag",
            "Follower-Differenz zum Vortag",
        ),
        "active_followers": ("Aktive Follower",),
        "gender": ("Geschlecht",),
        "territories": ("Top-Regionen", "Top-Gebiete", "Top-Länder", "Gebiete", "Regionen"),
        "age": ("Alter", "Altersgruppe"),
        "cities": (
            "Top-Städte",
            "Städte",
            "Stadt",
        ),
        "distribution": ("Verteilung", "Anteil", "Prozentsatz"),
        "viewers_total": ("Zuschauer insgesamt", "Zuschauer gesamt", "Zuschauer"),
        "viewers_new": ("Neue Zuschauer",),
        "viewers_returning": ("Wiederkehrende Zuschauer",),
        "video_title": ("Videotitel", "Video-Titel", "Titel"),
        "video_link": ("Videolink", "Video-Link", "Link zum Video", "Link"),
        "post_time": (
            "Veröffentlichungszeit",
            "Veröffentlichungszeitpunkt",
            "Veröffentlicht am",
            "Beitragszeit",
        ),
        "total_likes": (
            "„Gefällt mir“-Angaben insgesamt",
            "Gefällt mir-Angaben insgesamt",
            "Likes insgesamt",
        ),
        "total_comments": ("Kommentare insgesamt",),
        "total_shares": ("Geteilte Inhalte insgesamt", "Shares insgesamt", "Geteilt insgesamt"),
        "total_views": ("Aufrufe insgesamt", "Videoaufrufe insgesamt"),
        "saves": ("Zu Favoriten hinzufügen", "Zu Favoriten hinzugefügt", "Favoriten"),
        "views_7d": ("Aufrufe in den letzten 7 Tagen",),
        "ignored:phone_clicks": ("Klicks auf Telefonnummer",),
        "ignored:leads": ("Leads",),
        "ignored:website_clicks": ("Website-Klicks", "Klicks auf Website"),
    },
    "it": {
        "date": ("Data", "Giorno"),
        "time": ("Tempo", "Orario"),
        "hour": ("Ora",),
        "video_views": (
            "Visualizzazioni dei video",
            "Visualizzazioni video",
            "Visualizzazioni del video",
            "Visualizzazioni",
        ),
        "profile_views": ("Visualizzazioni del profilo", "Visite al profilo"),
        "likes": ("Mi piace",),
        "comments": ("Commenti",),
        "shares": ("Condivisioni",),
        "reached_audience": ("Pubblico raggiunto", "Copertura"),
        "net_growth": ("Crescita netta",),
        "new_followers": ("Nuovi follower",),
        "lost_followers": ("Follower persi",),
        "followers": ("Follower totali", "Numero di follower"),
        "followers_diff": (
            "Differenza di follower rispetto al giorno precedente",
            "Differenza nei follower rispetto al giorno precedente",
        ),
        "active_followers": ("Follower attivi",),
        "gender": ("Genere", "Sesso"),
        "territories": (
            "Principali territori",
            "Territori principali",
            "Territori",
            "Principali paesi",
            "Principali regioni",
        ),
        "age": ("Età", "Fascia d'età"),
        "cities": (
            "Principali città",
            "Città",
        ),
        "distribution": ("Distribuzione", "Percentuale"),
        "viewers_total": ("Spettatori totali", "Totale spettatori", "Spettatori"),
        "viewers_new": ("Nuovi spettatori",),
        "viewers_returning": (
            "Spettatori di ritorno",
            "Spettatori abituali",
            "Spettatori ricorrenti",
        ),
        "video_title": ("Titolo del video", "Titolo"),
        "video_link": ("Link del video", "Link al video"),
        "post_time": ("Ora di pubblicazione", "Orario di pubblicazione", "Data di pubblicazione"),
        "total_likes": ("Mi piace totali", "Totale Mi piace"),
        "total_comments": ("Commenti totali", "Totale commenti"),
        "total_shares": ("Condivisioni totali", "Totale condivisioni"),
        "total_views": ("Visualizzazioni totali", "Totale visualizzazioni"),
        "saves": ("Aggiungi ai preferiti", "Aggiunte ai preferiti", "Preferiti"),
        "views_7d": ("Visualizzazioni negli ultimi 7 giorni",),
        "ignored:phone_clicks": ("Clic sul numero di telefono",),
        "ignored:leads": ("Lead", "Contatti"),
        "ignored:website_clicks": ("Clic sul sito web",),
    },
    "ru": {
        "date": ("Дата", "День"),
        "time": ("Время",),
        "hour": ("Час",),
        "video_views": ("Просмотры видео", "Просмотры"),
        "profile_views": ("Просмотры профиля", "Посещения профиля"),
        "likes": ("Лайки", "Отметки «Нравится»", "Нравится"),
        "comments": ("Комментарии",),
        "shares": ("Репосты", "Поделились", "Поделиться"),
        "reached_audience": ("Охваченная аудитория", "Охват"),
        "net_growth": ("Чистый прирост", "Прирост"),
        "new_followers": ("Новые подписчики",),
        "lost_followers": ("Потерянные подписчики", "Отписки", "Отписавшиеся"),
        "followers": ("Подписчики", "Всего подписчиков"),
        "followers_diff": (
            "Разница в подписчиках по сравнению с предыдущим днем",
            "Разница в подписчиках по сравнению с предыдущим днём",
            "Изменение числа подписчиков по сравнению с предыдущим днем",
        ),
        "active_followers": ("Активные подписчики",),
        "gender": ("Пол",),
        "territories": (
            "Основные территории",
            "Топ территорий",
            "Территории",
            "Основные регионы",
            "Топ регионов",
            "Страны",
        ),
        "age": ("Возраст",),
        "cities": (
            "Основные города",
            "Города",
            "Город",
        ),
        "distribution": ("Распределение", "Доля", "Процент"),
        "viewers_total": ("Всего зрителей", "Зрители"),
        "viewers_new": ("Новые зрители",),
        "viewers_returning": ("Постоянные зрители", "Вернувшиеся зрители", "Повторные зрители"),
        "video_title": ("Название видео", "Заголовок видео", "Название"),
        "video_link": ("Ссылка на видео", "Ссылка"),
        "post_time": ("Время публикации", "Дата публикации"),
        "total_likes": ("Всего лайков",),
        "total_comments": ("Всего комментариев",),
        "total_shares": ("Всего репостов",),
        "total_views": ("Всего просмотров",),
        "saves": ("Добавить в избранное", "Добавления в избранное", "Избранное"),
        "views_7d": ("Просмотры за последние 7 дней",),
        "ignored:phone_clicks": ("Нажатия на номер телефона",),
        "ignored:leads": ("Лиды",),
        "ignored:website_clicks": ("Переходы на сайт", "Нажатия на ссылку на сайт"),
    },
    "ja": {
        "date": ("日付",),
        "time": ("時刻",),
        "hour": ("時間",),
        "video_views": ("動画視聴数", "動画の視聴数", "動画再生数", "視聴数"),
        "profile_views": ("プロフィール表示回数", "プロフィールの表示回数", "プロフィール閲覧数"),
        "likes": ("いいね", "いいね数"),
        "comments": ("コメント", "コメント数"),
        "shares": ("シェア", "シェア数"),
        "reached_audience": ("リーチしたオーディエンス", "リーチ"),
        "net_growth": ("純増", "純増数"),
        "new_followers": ("新規フォロワー", "新しいフォロワー"),
        "lost_followers": ("失ったフォロワー", "フォロー解除"),
        "followers": ("フォロワー", "フォロワー数"),
        "followers_diff": ("前日からのフォロワー数の差", "前日とのフォロワー数の差"),
        "active_followers": ("アクティブフォロワー", "アクティブなフォロワー"),
        "gender": ("性別",),
        "territories": ("上位の地域", "上位の国・地域", "地域"),
        "age": ("年齢", "年齢層"),
        "cities": (
            "上位の都市",
            "都市",
        ),
        "distribution": ("分布", "割合"),
        "viewers_total": ("総視聴者数", "視聴者数合計"),
        "viewers_new": ("新規視聴者", "新しい視聴者"),
        "viewers_returning": ("リピーター視聴者", "リピート視聴者"),
        "video_title": ("動画タイトル", "動画のタイトル"),
        "video_link": ("動画リンク", "動画のリンク"),
        "post_time": ("投稿時間", "投稿日時", "投稿日"),
        "total_likes": ("合計いいね数", "いいねの合計"),
        "total_comments": ("合計コメント数", "コメントの合計"),
        "total_shares": ("合計シェア数", "シェアの合計"),
        "total_views": ("合計視聴数", "総視聴数", "合計再生数"),
        "saves": ("お気に入りに追加", "お気に入り"),
        "views_7d": ("過去7日間の視聴数",),
    },
    "vi": {
        "date": ("Ngày",),
        "time": ("Thời gian",),
        "hour": ("Giờ",),
        "video_views": ("Lượt xem video",),
        "profile_views": ("Lượt xem hồ sơ",),
        "likes": ("Lượt thích",),
        "comments": ("Bình luận", "Lượt bình luận"),
        "shares": ("Lượt chia sẻ", "Chia sẻ"),
        "reached_audience": ("Khán giả tiếp cận", "Người xem được tiếp cận"),
        "net_growth": ("Tăng trưởng ròng",),
        "new_followers": ("Follower mới", "Người follow mới", "Người theo dõi mới"),
        "lost_followers": ("Follower bị mất", "Người theo dõi bị mất"),
        "followers": ("Người follow", "Người theo dõi"),
        "followers_diff": (
            "Chênh lệch follower so với ngày trước",
            "Chênh lệch người theo dõi so với ngày trước",
        ),
        "active_followers": ("Follower hoạt động", "Người theo dõi hoạt động"),
        "gender": ("Giới tính",),
        "territories": ("Khu vực hàng đầu", "Lãnh thổ hàng đầu", "Khu vực"),
        "age": ("Độ tuổi", "Tuổi"),
        "cities": (
            "Thành phố hàng đầu",
            "Thành phố",
        ),
        "distribution": ("Phân bố", "Phân phối", "Tỷ lệ"),
        "viewers_total": ("Tổng số người xem", "Tổng người xem"),
        "viewers_new": ("Người xem mới",),
        "viewers_returning": ("Người xem quay lại", "Người xem cũ"),
        "video_title": ("Tiêu đề video",),
        "video_link": ("Liên kết video", "Link video"),
        "post_time": ("Thời gian đăng", "Thời điểm đăng"),
        "total_likes": ("Tổng lượt thích",),
        "total_comments": ("Tổng bình luận", "Tổng lượt bình luận"),
        "total_shares": ("Tổng lượt chia sẻ",),
        "total_views": ("Tổng lượt xem",),
        "saves": ("Thêm vào Yêu thích", "Yêu thích"),
        "views_7d": ("Lượt xem trong 7 ngày qua",),
    },
    "id": {
        "date": ("Tanggal",),
        "time": ("Waktu",),
        "hour": ("Jam",),
        "video_views": ("Penayangan video", "Tayangan video"),
        "profile_views": ("Penayangan profil", "Kunjungan profil"),
        "likes": ("Suka",),
        "comments": ("Komentar",),
        "shares": ("Bagikan", "Dibagikan", "Pembagian"),
        "reached_audience": ("Audiens yang dijangkau", "Jangkauan"),
        "net_growth": ("Pertumbuhan bersih",),
        "new_followers": ("Pengikut baru",),
        "lost_followers": ("Pengikut yang hilang", "Pengikut hilang"),
        "followers": ("Pengikut", "Total pengikut"),
        "followers_diff": (
            "Selisih pengikut dari hari sebelumnya",
            "Perbedaan pengikut dari hari sebelumnya",
        ),
        "active_followers": ("Pengikut aktif",),
        "gender": ("Jenis kelamin", "Gender"),
        "territories": ("Wilayah teratas", "Wilayah", "Negara teratas"),
        "age": ("Usia", "Rentang usia"),
        "cities": (
            "Kota teratas",
            "Kota",
        ),
        "distribution": ("Distribusi", "Persentase"),
        "viewers_total": ("Total penonton", "Penonton"),
        "viewers_new": ("Penonton baru",),
        "viewers_returning": ("Penonton kembali", "Penonton yang kembali"),
        "video_title": ("Judul video",),
        "video_link": ("Tautan video", "Link video"),
        "post_time": ("Waktu posting", "Waktu publikasi", "Waktu unggah"),
        "total_likes": ("Total suka",),
        "total_comments": ("Total komentar",),
        "total_shares": ("Total dibagikan", "Total bagikan"),
        "total_views": ("Total penayangan", "Total tayangan"),
        "saves": ("Tambahkan ke favorit", "Favorit"),
        "views_7d": ("Penayangan dalam 7 hari terakhir",),
    },
    "tr": {
        "date": ("Tarih",),
        "time": ("Zaman",),
        "hour": ("Saat",),
        "video_views": ("Video görüntülemeleri", "Video görüntüleme"),
        "profile_views": ("Profil görüntülemeleri", "Profil görüntüleme"),
        "likes": ("Beğeniler", "Beğeni"),
        "comments": ("Yorumlar", "Yorum"),
        "shares": ("Paylaşımlar", "Paylaşım"),
        "reached_audience": ("Erişilen kitle",),
        "net_growth": ("Net büyüme",),
        "new_followers": ("Yeni takipçiler",),
        "lost_followers": ("Kaybedilen takipçiler",),
        "followers": ("Takipçiler", "Takipçi"),
        "followers_diff": ("Önceki güne göre takipçi farkı",),
        "active_followers": ("Aktif takipçiler",),
        "gender": ("Cinsiyet",),
        "territories": ("En iyi bölgeler", "Bölgeler"),
        "age": ("Yaş", "Yaş aralığı"),
        "cities": (
            "En iyi şehirler",
            "Şehirler",
        ),
        "distribution": ("Dağılım",),
        "viewers_total": ("Toplam izleyici",),
        "viewers_new": ("Yeni izleyiciler",),
        "viewers_returning": ("Geri dönen izleyiciler",),
        "video_title": ("Video başlığı",),
        "video_link": ("Video bağlantısı",),
        "post_time": ("Gönderi zamanı", "Yayınlanma zamanı"),
        "total_likes": ("Toplam beğeni",),
        "total_comments": ("Toplam yorum",),
        "total_shares": ("Toplam paylaşım",),
        "total_views": ("Toplam görüntüleme",),
        "saves": ("Favorilere ekle", "Favoriler"),
        "views_7d": ("Son 7 gündeki görüntülemeler",),
    },
}

# Headers of a TikTok Ads Manager report (paid campaigns): recognised so the
# user hears what the file is rather than "unknown file". Folded spellings.
ADS_MANAGER_HEADERS: tuple[str, ...] = (
    "campaign name", "campaign id", "campaign", "ad group name", "ad group id", "ad group",
    "ad name", "ad id", "cost", "total cost", "spend", "impressions", "clicks", "cpc", "cpm",
    "ctr", "conversions", "cost per conversion", "cpa", "conversion rate", "results",
    "cost per result", "budget", "bid", "advertiser name", "advertiser id",
    "nombre de la campana", "coste", "costo", "impresiones", "nome da campanha", "custo",
    "impressoes", "nom de la campagne", "cout", "kampagnenname", "kosten", "kampanjnamn",
    "kostnad", "visningar (annonser)",
)  # fmt: skip

# Values of the Gender column, per language, to the canonical bucket.
GENDER_VALUES: dict[str, tuple[str, ...]] = {
    "female": (
        "Female",
        "Women",
        "Woman",
        "F",
        "Kvinna",
        "Kvinnor",
        "Feminino",
        "Mulher",
        "Mulheres",
        "Femenino",
        "Mujer",
        "Mujeres",
        "Femme",
        "Femmes",
        "Féminin",
        "Weiblich",
        "Frauen",
        "Frau",
        "Femmina",
        "Donne",
        "Donna",
        "Женский",
        "Женщины",
        "女性",
        "Nữ",
        "Wanita",
        "Perempuan",
        "Kadın",
    ),
    "male": (
        "Male",
        "Men",
        "Man",
        "M",
        "Män",
        "Masculino",
        "Homem",
        "Homens",
        "Hombre",
        "Hombres",
        "Homme",
        "Hommes",
        "Masculin",
        "Männlich",
        "Männer",
        "Maschio",
        "Uomini",
        "Uomo",
        "Мужской",
        "Мужчины",
        "男性",
        "Nam",
        "Pria",
        "Laki-laki",
        "Erkek",
    ),
    "other": (
        "Other",
        "Others",
        "Unknown",
        "Annat",
        "Övrigt",
        "Övriga",
        "Outro",
        "Outros",
        "Otro",
        "Otros",
        "Autre",
        "Autres",
        "Divers",
        "Andere",
        "Sonstige",
        "Altro",
        "Altri",
        "Другое",
        "Другой",
        "Другие",
        "その他",
        "Khác",
        "Lainnya",
        "Diğer",
    ),
}

# The "everything else" row of FollowerTopTerritories, in every language.
OTHERS_TERRITORY: tuple[str, ...] = (
    "Others", "Other", "Övriga", "Övrigt", "Andra", "Outros", "Outras", "Otros", "Otras",
    "Autres", "Andere", "Sonstige", "Altri", "Другие", "Другое", "その他", "Khác", "Lainnya",
    "Diğer", "Other regions", "Other countries",
)  # fmt: skip


_QUOTES = "\"'`´‘’‚‛“”„‟«»‹›「」『』"
_DASHES = "-‐‑‒–—_"


def fold_header(text: str) -> str:
    """The comparable form of a header or cell label: no case, accents, quotes, BOM or spaces.

    ``"Total shares\\u00a0"`` → ``"total shares"``; ``„Gefällt mir“-Angaben`` →
    ``"gefallt mir angaben"``.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    text = text.casefold().replace("ı", "i")  # Turkish dotless i, whatever the case
    for ch in _QUOTES:
        text = text.replace(ch, "")
    for ch in _DASHES:
        text = text.replace(ch, " ")
    text = re.sub(r"\s+", " ", text).strip(" :*.")
    return text


def _without_unit(folded: str) -> str:
    """``distribution (%)`` → ``distribution``; ``cost (zar)`` → ``cost``."""
    return re.sub(r"\s*[(\[][^()\[\]]*[)\]]$", "", folded).strip()


def _build() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for lang, columns in HEADERS.items():
        for column, spellings in columns.items():
            for spelling in spellings:
                key = fold_header(spelling)
                if lookup.setdefault(key, column) != column:
                    raise ValueError(
                        f"header {spelling!r} ({lang}) means both {lookup[key]} and {column}"
                    )
    return lookup


HEADER_LOOKUP: dict[str, str] = _build()
_ADS = frozenset(fold_header(h) for h in ADS_MANAGER_HEADERS)
if _ADS & set(HEADER_LOOKUP):  # pragma: no cover - a table error
    raise ValueError(
        f"Ads Manager headers that Studio uses too: {sorted(_ADS & set(HEADER_LOOKUP))}"
    )
_GENDERS = {fold_header(v): bucket for bucket, vs in GENDER_VALUES.items() for v in vs}
_OTHERS = frozenset(fold_header(v) for v in OTHERS_TERRITORY)


def column_id(header: str) -> str | None:
    """The column id a header means, in any language; None when unknown."""
    folded = fold_header(header)
    if folded in HEADER_LOOKUP:
        return HEADER_LOOKUP[folded]
    return HEADER_LOOKUP.get(_without_unit(folded))


def is_ads_manager_header(header: str) -> bool:
    """True for a column only Ads Manager reports have (``Cost (ZAR)``, ``Campaign name``)."""
    folded = fold_header(header)
    return folded in _ADS or _without_unit(folded) in _ADS


def gender_bucket(value: str) -> str | None:
    """``female`` / ``male`` / ``other`` for a Gender cell in any language; None if unknown."""
    return _GENDERS.get(fold_header(value))


def is_others_territory(value: str) -> bool:
    return fold_header(value) in _OTHERS
