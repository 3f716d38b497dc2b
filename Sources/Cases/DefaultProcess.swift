import Foundation

/// The process a case runs when its service brings no model of its own: receive, check, (request
/// documents, wait with a reminder and a deadline), decide, notify, close. Services replace it by
/// deploying a process with the id `amtsweg.case.<LeiKa key>`; the task ids below are what the
/// clerk's actions complete, so such a model uses the same ids for the same steps.
public enum DefaultProcess {
    public static let id = "amtsweg.case"

    /// The process id a service's own model is deployed under.
    public static func serviceProcessID(leika: String) -> String { "\(id).\(leika)" }

    public enum Task {
        /// Completeness check (user task); completed with `complete` true or false.
        public static let check = "check"
        /// Waits for the applicant's documents (receive task, message `documentsMessage`).
        public static let awaitDocuments = "awaitDocuments"
        /// The decision (user task); completed with `outcome` and `reasons`.
        public static let decide = "decide"
        /// Closing the case after the notice (user task).
        public static let close = "close"
        /// Service task: the reminder before the document deadline (handler `case.remind`).
        public static let remind = "remind"
        /// Service task: the document deadline passed without an answer (handler `case.deadlinePassed`).
        public static let deadlinePassed = "deadlinePassed"
        /// Service task: the decision is notified (handler `case.notify`).
        public static let notify = "notify"
        /// The four-eyes check of an automatic decision drawn for the sample, before the notice
        /// goes out (user task; completed with `agree`); `sampleCheckAfter` after it went out.
        public static let sampleCheck = "sampleCheck"
        public static let sampleCheckAfter = "sampleCheckAfter"
    }

    /// The message the applicant's upload sends to the waiting process.
    public static let documentsMessage = "case.documentsReceived"

    public static let handlers = ["case.remind", "case.deadlinePassed", "case.notify"]

    public static let bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="amtsweg-case" targetNamespace="https://amtsweg.de/bpmn">
          <message id="documentsReceived" name="\(documentsMessage)"/>
          <process id="\(id)" name="Vorgang (Standard)" isExecutable="true">
            <startEvent id="received" name="Antrag eingegangen"/>
            <sequenceFlow id="f1" sourceRef="received" targetRef="check"/>
            <userTask id="check" name="Vollständigkeit prüfen" camunda:candidateGroups="clerk"/>
            <sequenceFlow id="f2" sourceRef="check" targetRef="isComplete"/>
            <exclusiveGateway id="isComplete" name="Vollständig?" default="f3"/>
            <sequenceFlow id="f3" sourceRef="isComplete" targetRef="isAutomatic"/>
            <exclusiveGateway id="isAutomatic" name="Automatisch entschieden?" default="a1"/>
            <sequenceFlow id="a1" sourceRef="isAutomatic" targetRef="decide"/>
            <sequenceFlow id="a2" sourceRef="isAutomatic" targetRef="isSampledBefore">
              <conditionExpression>automatic = true</conditionExpression>
            </sequenceFlow>
            <exclusiveGateway id="isSampledBefore" name="Stichprobe vor Versand?" default="a3"/>
            <sequenceFlow id="a3" sourceRef="isSampledBefore" targetRef="notify"/>
            <sequenceFlow id="a4" sourceRef="isSampledBefore" targetRef="sampleCheck">
              <conditionExpression>sampled = true and sampleBefore = true</conditionExpression>
            </sequenceFlow>
            <userTask id="sampleCheck" name="Stichprobe prüfen (vier Augen)" camunda:candidateGroups="clerk"/>
            <sequenceFlow id="a5" sourceRef="sampleCheck" targetRef="isAgreed"/>
            <exclusiveGateway id="isAgreed" name="Einverstanden?" default="a6"/>
            <sequenceFlow id="a6" sourceRef="isAgreed" targetRef="notify"/>
            <sequenceFlow id="a7" sourceRef="isAgreed" targetRef="decide">
              <conditionExpression>agree = false</conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="f4" sourceRef="isComplete" targetRef="awaitDocuments">
              <conditionExpression>complete = false</conditionExpression>
            </sequenceFlow>
            <receiveTask id="awaitDocuments" name="Unterlagen abwarten" messageRef="documentsReceived"/>
            <boundaryEvent id="reminder" name="Erinnerung" attachedToRef="awaitDocuments" cancelActivity="false">
              <timerEventDefinition><timeDate>reminderAt</timeDate></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f5" sourceRef="reminder" targetRef="remind"/>
            <serviceTask id="remind" name="An die Unterlagen erinnern" camunda:topic="case.remind"/>
            <sequenceFlow id="f6" sourceRef="remind" targetRef="reminded"/>
            <endEvent id="reminded"/>
            <boundaryEvent id="deadline" name="Frist abgelaufen" attachedToRef="awaitDocuments">
              <timerEventDefinition><timeDate>deadlineAt</timeDate></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f7" sourceRef="deadline" targetRef="deadlinePassed"/>
            <serviceTask id="deadlinePassed" name="Frist abgelaufen: nach Aktenlage entscheiden" camunda:topic="case.deadlinePassed"/>
            <sequenceFlow id="f8" sourceRef="deadlinePassed" targetRef="decide"/>
            <sequenceFlow id="f9" sourceRef="awaitDocuments" targetRef="check"/>
            <userTask id="decide" name="Entscheiden" camunda:candidateGroups="clerk"/>
            <sequenceFlow id="f10" sourceRef="decide" targetRef="notify"/>
            <serviceTask id="notify" name="Bescheid bekannt geben" camunda:topic="case.notify"/>
            <sequenceFlow id="f11" sourceRef="notify" targetRef="isSampledAfter"/>
            <exclusiveGateway id="isSampledAfter" name="Stichprobe nach Versand?" default="a8"/>
            <sequenceFlow id="a8" sourceRef="isSampledAfter" targetRef="close"/>
            <sequenceFlow id="a9" sourceRef="isSampledAfter" targetRef="sampleCheckAfter">
              <conditionExpression>sampled = true and sampleBefore = false</conditionExpression>
            </sequenceFlow>
            <userTask id="sampleCheckAfter" name="Stichprobe prüfen (nach Versand)" camunda:candidateGroups="clerk"/>
            <sequenceFlow id="a10" sourceRef="sampleCheckAfter" targetRef="close"/>
            <userTask id="close" name="Abschließen" camunda:candidateGroups="clerk"/>
            <sequenceFlow id="f12" sourceRef="close" targetRef="closed"/>
            <endEvent id="closed" name="Abgeschlossen"/>
          </process>
        </definitions>
        """

    /// The case status that follows from where the process stands: the open user tasks and
    /// whether it waits for documents. `decided` is kept until the case is closed; an automatic
    /// decision waiting for its sample check is not out yet (in review).
    public static func status(openTasks: [String], waiting: [String], completed: Bool, decided: Bool) -> CaseStatus {
        if completed { return .closed }
        if waiting.contains(Task.awaitDocuments) { return .awaitingApplicant }
        if openTasks.contains(Task.sampleCheck) { return .inReview }
        if decided { return .decided }
        if openTasks.contains(Task.check) { return .received }
        return .inReview
    }
}
