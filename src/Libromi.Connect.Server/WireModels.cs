// The API's contacts, messages and chatbots are the very records webhook events carry, defined once in the receiver
// library, so an API answer and an event about the same object cannot differ in shape.
global using Chatbot = Libromi.Connect.Webhooks.Events.Chatbot;
global using Contact = Libromi.Connect.Webhooks.Events.Contact;
global using Message = Libromi.Connect.Webhooks.Events.Message;
