/** A knowledge file in English and Spanish, with an acknowledgement in French too (answered in neither). */
export const BILINGUAL_KNOWLEDGE = `version: 1
languages: [en, es]
acknowledgement:
  en: Hi {{author}}, a person will answer you here.
  es: Hola {{author}}, una persona te responderá aquí.
  fr: Bonjour {{author}}, une personne va vous répondre ici.
after_hours:
  es: Hola {{author}}, nuestro equipo responde {{opens}}.
courtesy:
  en: Glad we could help, {{author}}!
  es: ¡Nos alegra haber ayudado, {{author}}!
entries:
  - id: parcel-delays
    kind: incident
    title: Parcels late
    keywords: [parcel late]
    examples:
      en:
        - my parcel is two weeks late
        - my package still has not arrived
        - where is my parcel
      es:
        - mi paquete no ha llegado todavía
        - mi pedido llega tarde
        - dónde está mi paquete
    reply:
      en: Hi {{author}}, parcels are running late this week.
      es: Hola {{author}}, los paquetes llegan con retraso esta semana.
  - id: app-outage
    kind: incident
    title: App down
    keywords: [app down]
    examples:
      en: [the app is down again, the app keeps crashing, I cannot log in to the app]
    reply: We know the app is down and are fixing it.
`;
